/** One feature value: a number, a category, or missing. */
export type FeatureValue = number | string | undefined;
/** One row of features, by name. */
export type FeatureRow = Readonly<Record<string, FeatureValue>>;

/** One column of the basis a composite model regresses on. */
export type Term =
  | { readonly kind: 'log' | 'lin' | 'log2' | 'lin2'; readonly feature: string }
  | { readonly kind: 'level'; readonly feature: string; readonly level: string }
  | { readonly kind: 'product'; readonly a: Term; readonly b: Term };

/** What the training rows say about one feature. */
export interface ColumnInfo {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  /** Numeric: the value used for a missing or non-finite cell. */
  readonly median: number;
  /** Numeric: every training value is > 0, so log terms are allowed. */
  readonly positive: boolean;
  /** Numeric: fewer than two distinct values (no term can use it). */
  readonly constant: boolean;
  /** Categorical: levels seen in training, most frequent first. */
  readonly levels: readonly string[];
}

/**
 * Reads the kind and statistics of each feature from training rows: a column
 * with any non-numeric string is categorical, else numeric.
 *
 * @example
 * ```ts
 * describeColumns([{ cores: 2, arch: 'arm64' }, { cores: 8, arch: 'x86_64' }], ['cores', 'arch']);
 * ```
 */
export function describeColumns(rows: readonly FeatureRow[], features: readonly string[]): ColumnInfo[] {
  return features.map((name) => {
    const values = rows.map((r) => r[name]);
    const categorical = values.some((v) => typeof v === 'string');
    if (categorical) {
      const counts = new Map<string, number>();
      for (const v of values) counts.set(String(v ?? ''), (counts.get(String(v ?? '')) ?? 0) + 1);
      const levels = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l]) => l);
      return { name, kind: 'categorical', median: 0, positive: false, constant: levels.length < 2, levels };
    }
    const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
    const median = finite.length ? finite[Math.floor(finite.length / 2)] : 0;
    const constant = finite.length === 0 || finite[0] === finite[finite.length - 1];
    return { name, kind: 'numeric', median, positive: finite.length > 0 && finite[0] > 0, constant, levels: [] };
  });
}

/** The raw (unstandardised) value of a term for one row. */
export function rawTerm(term: Term, row: FeatureRow, columns: ReadonlyMap<string, ColumnInfo>): number {
  if (term.kind === 'product') return rawTerm(term.a, row, columns) * rawTerm(term.b, row, columns);
  const col = columns.get(term.feature)!;
  if (term.kind === 'level') return String(row[term.feature] ?? '') === term.level ? 1 : 0;
  const v = row[term.feature];
  let x = typeof v === 'number' && Number.isFinite(v) ? v : col.median;
  if (term.kind === 'log' || term.kind === 'log2') {
    // Below the training range a log term would explode; clamp to a tiny positive.
    x = Math.log(Math.max(x, 1e-12));
    return term.kind === 'log2' ? x * x : x;
  }
  return term.kind === 'lin2' ? x * x : x;
}

/** A readable name of a term, e.g. `log(vcpus)` or `arch=arm64`. */
export function termName(term: Term): string {
  switch (term.kind) {
    case 'product': return `${termName(term.a)}*${termName(term.b)}`;
    case 'level': return `${term.feature}=${term.level}`;
    case 'log': return `log(${term.feature})`;
    case 'log2': return `log(${term.feature})^2`;
    case 'lin': return term.feature;
    case 'lin2': return `${term.feature}^2`;
  }
}

/**
 * A fixed list of terms with the centre and scale of each (from the training
 * rows), encoding any row as [1, standardised terms...].
 *
 * @example
 * ```ts
 * const basis = Basis.fit(rows, columns, [{ kind: 'log', feature: 'vcpus' }]);
 * basis.encode({ vcpus: 8 }); // Float64Array [1, z]
 * ```
 */
export class Basis {
  private readonly evaluators: ((row: FeatureRow, extra: FeatureRow | undefined) => number)[];

  private constructor(
    readonly terms: readonly Term[],
    columns: ReadonlyMap<string, ColumnInfo>,
    private readonly centre: Float64Array,
    private readonly scale: Float64Array,
  ) {
    // Compiled once: prediction is on placement's hot path (tasks x endpoints calls).
    this.evaluators = terms.map((t) => compileTerm(t, columns));
  }

  static fit(rows: readonly FeatureRow[], columns: readonly ColumnInfo[] | ReadonlyMap<string, ColumnInfo>, terms: readonly Term[]): Basis {
    const cols = columns instanceof Map ? columns : new Map((columns as readonly ColumnInfo[]).map((c) => [c.name, c]));
    const centre = new Float64Array(terms.length);
    const scale = new Float64Array(terms.length);
    terms.forEach((t, k) => {
      let s = 0; let s2 = 0;
      for (const r of rows) { const v = rawTerm(t, r, cols); s += v; s2 += v * v; }
      const n = Math.max(1, rows.length);
      const mean = s / n;
      const sd = Math.sqrt(Math.max(0, s2 / n - mean * mean));
      centre[k] = mean;
      // A constant term carries nothing; scale 0 makes it encode as 0.
      scale[k] = sd > 1e-12 * Math.max(1, Math.abs(mean)) ? 1 / sd : 0;
    });
    return new Basis(terms, cols, centre, scale);
  }

  /** Number of basis columns, the intercept included. */
  get width(): number {
    return this.terms.length + 1;
  }

  /** Encodes a row; `extra` supplies features the row lacks (an endpoint's, beside a call's own). */
  encode(row: FeatureRow, out: Float64Array = new Float64Array(this.width), extra?: FeatureRow): Float64Array {
    out[0] = 1;
    for (let k = 0; k < this.evaluators.length; k++) {
      out[k + 1] = (this.evaluators[k](row, extra) - this.centre[k]) * this.scale[k];
    }
    return out;
  }
}

/** A term as a function of (row, extra row), equal to {@link rawTerm} on their union. */
function compileTerm(term: Term, columns: ReadonlyMap<string, ColumnInfo>): (row: FeatureRow, extra: FeatureRow | undefined) => number {
  if (term.kind === 'product') {
    const a = compileTerm(term.a, columns);
    const b = compileTerm(term.b, columns);
    return (row, extra) => a(row, extra) * b(row, extra);
  }
  const f = term.feature;
  const get = (row: FeatureRow, extra: FeatureRow | undefined): FeatureValue => {
    const v = row[f];
    return v !== undefined || !extra ? v : extra[f];
  };
  if (term.kind === 'level') {
    const level = term.level;
    return (row, extra) => (String(get(row, extra) ?? '') === level ? 1 : 0);
  }
  const median = columns.get(f)!.median;
  const value = (row: FeatureRow, extra: FeatureRow | undefined): number => {
    const v = get(row, extra);
    return typeof v === 'number' && Number.isFinite(v) ? v : median;
  };
  switch (term.kind) {
    case 'log': return (row, extra) => Math.log(Math.max(value(row, extra), 1e-12));
    case 'log2': return (row, extra) => { const x = Math.log(Math.max(value(row, extra), 1e-12)); return x * x; };
    case 'lin': return value;
    case 'lin2': return (row, extra) => { const x = value(row, extra); return x * x; };
  }
}
