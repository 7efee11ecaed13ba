import { ProfilingError } from '../errors.js';

/** One measured cold start (import) of a package on an endpoint. */
export interface ColdStartSample {
  readonly endpoint: string;
  readonly package: string;
  readonly seconds: number;
}

/**
 * Cold start per endpoint and package set, as in DELTA: a package's import
 * time on an endpoint is modelled as (package weight) × (endpoint slowness),
 * additive in log space and fitted by alternating least squares, so one
 * measured import on a new endpoint predicts all its other packages, and a
 * package measured on a few endpoints is predicted on the rest. A package
 * set costs the sum of its packages.
 *
 * @example
 * ```ts
 * const model = ColdStartModel.fit(loadDeltaImports(json));
 * model.predict('raspberry_pi', ['numpy', 'tensorflow']); // seconds
 * ```
 */
export class ColdStartModel {
  private constructor(
    private readonly packageLog: ReadonlyMap<string, number>,
    private readonly endpointLog: ReadonlyMap<string, number>,
    private readonly observed: ReadonlyMap<string, number>,
  ) {}

  static fit(samples: readonly ColdStartSample[]): ColdStartModel {
    if (samples.length === 0) throw new ProfilingError('CORRAL_PROFILE_TOO_FEW_ROWS', 'cold start model: no samples');
    for (const s of samples) {
      if (!(s.seconds > 0) || !Number.isFinite(s.seconds)) {
        throw new ProfilingError('CORRAL_PROFILE_BAD_RESPONSE', `cold start of ${s.package} on ${s.endpoint}: ${s.seconds} s; must be a finite number > 0`);
      }
    }
    const pkg = new Map<string, number>();
    const ep = new Map<string, number>();
    for (const s of samples) { pkg.set(s.package, 0); ep.set(s.endpoint, 0); }
    const logs = samples.map((s) => ({ ...s, y: Math.log(s.seconds) }));
    for (let iter = 0; iter < 100; iter++) {
      for (const p of pkg.keys()) {
        const r = logs.filter((s) => s.package === p);
        pkg.set(p, r.reduce((acc, s) => acc + s.y - ep.get(s.endpoint)!, 0) / r.length);
      }
      for (const e of ep.keys()) {
        const r = logs.filter((s) => s.endpoint === e);
        ep.set(e, r.reduce((acc, s) => acc + s.y - pkg.get(s.package)!, 0) / r.length);
      }
      // Endpoint effects centred on 0: the split between the two factors is otherwise arbitrary.
      const mean = [...ep.values()].reduce((a, b) => a + b, 0) / ep.size;
      for (const [e, v] of ep) ep.set(e, v - mean);
    }
    const observed = new Map<string, number>();
    for (const s of samples) observed.set(`${s.endpoint}\u0000${s.package}`, s.seconds);
    return new ColdStartModel(pkg, ep, observed);
  }

  /** Seconds to import a set of packages on an endpoint (the median measurement when one exists). */
  predict(endpoint: string, packages: readonly string[]): number {
    let total = 0;
    for (const p of packages) total += this.predictOne(endpoint, p);
    return total;
  }

  private predictOne(endpoint: string, pkg: string): number {
    const seen = this.observed.get(`${endpoint}\u0000${pkg}`);
    if (seen !== undefined) return seen;
    const p = this.packageLog.get(pkg);
    // An unknown package is assumed as heavy as the median known one.
    const pl = p ?? median([...this.packageLog.values()]);
    return Math.exp(pl + (this.endpointLog.get(endpoint) ?? 0));
  }
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}
