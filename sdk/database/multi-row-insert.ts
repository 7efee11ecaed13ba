/** Rows per multi-row INSERT: few statements per group commit, well under SQLite's limit on parameters. */
export const INSERT_CHUNK = 64;

const texts = new Map<string, string>();

/**
 * Where the chunk of rows that starts at `at` (of `length`) ends: the largest
 * power of two up to {@link INSERT_CHUNK} rows that fits. A table then needs
 * at most 7 prepared inserts (1, 2, 4 ... 64 rows), not one for every count up
 * to 64: each prepared statement of hundreds of parameters holds tens of KB of
 * SQLite's memory for as long as its database is open.
 *
 * @example
 * ```ts
 * for (let at = 0, end = 0; at < rows.length; at = end) {
 *   end = insertChunkEnd(at, rows.length);
 *   db.prepare(multiRowInsertSql('events', ['run_id', 'at'], end - at)).run(rows.slice(at, end).flat());
 * }
 * ```
 */
export function insertChunkEnd(at: number, length: number): number {
  const left = Math.min(length - at, INSERT_CHUNK);
  return at + 2 ** Math.floor(Math.log2(left));
}

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
