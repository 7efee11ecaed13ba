/** Rows per multi-row INSERT: few statements per group commit, well under SQLite's limit on parameters. */
export const INSERT_CHUNK = 64;

const texts = new Map<string, string>();

/**
 * The text of one INSERT of `rows` rows into `table` (positional parameters,
 * row after row), made once per table, columns and row count: a group commit
 * writes its new rows in a few such statements, not one per row.
 *
 * @example
 * ```ts
 * db.prepare(multiRowInsertSql('events', ['run_id', 'at'], 2)).run('r1', 1, 'r1', 2);
 * // INSERT INTO events (run_id, at) VALUES (?, ?), (?, ?)
 * ```
 */
export function multiRowInsertSql(table: string, columns: readonly string[], rows: number): string {
  const key = `${table}(${columns.join(',')}):${rows}`;
  let sql = texts.get(key);
  if (!sql) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    texts.set(key, (sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`));
  }
  return sql;
}
