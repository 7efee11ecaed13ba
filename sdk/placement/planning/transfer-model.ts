import { TransferTimeModel, type TransferSample } from '../../profiling/index.js';
import type { CallInput } from '../policy.js';
import { TransferObservationError } from '../errors.js';

/** Latency and bandwidth between two transfer groups, and what moving a GB over it costs. */
export interface TransferLink {
  readonly latencyS: number;
  readonly bytesPerS: number;
  /** Dollars per GB (1e9 bytes) moved over this link (cloud egress); overrides the source group's egress price. */
  readonly usdPerGB?: number;
}

/** One transfer that happened: what the runtime journals for every move (`{ from, to, bytes, seconds }`). */
export interface TransferObservation {
  readonly from: string;
  readonly to: string;
  readonly bytes: number;
  readonly seconds: number;
}

/** How much a link's prior (configured or seeded) weighs against observations. */
export interface TransferModelOptions {
  /** Observations the prior counts for when blended with a link's robust fit (default 2). */
  readonly priorWeight?: number;
}

/**
 * Seconds (and dollars) to move bytes between transfer groups: latency +
 * bytes / bandwidth per ordered pair, 0 inside one group. Links are
 * symmetric unless both directions are given. Each link starts from a prior
 * (set with {@link link}, seeded from measurements with {@link seed}, else the
 * fallback) and is refitted from observed transfers ({@link observe}) by the
 * profiling layer's robust fit (least absolute relative error), blended with
 * the prior as if it were a couple of observations: one stalled transfer
 * does not bend the line, and moves seen at one size only rescale the prior.
 *
 * @example
 * ```ts
 * const t = new TransferModel({ latencyS: 0.05, bytesPerS: 100e6 }).link('uchicago', 'aws', { latencyS: 12.5, bytesPerS: 1.1e8, usdPerGB: 0.09 });
 * t.seconds(1e9, 'uchicago', 'aws'); // ≈ 21.6
 * t.observe({ from: 'uchicago', to: 'aws', bytes: 5e8, seconds: 30 }); // the link moves towards what was seen
 * ```
 */
export class TransferModel {
  private readonly priors = new Map<string, TransferLink>();
  private readonly learnt = new Map<string, TransferLink>();
  private readonly seen = new Map<string, TransferObservation[]>();
  private readonly egressUsdPerGB = new Map<string, number>();
  private readonly priorWeight: number;

  constructor(readonly fallback: TransferLink = { latencyS: 0.05, bytesPerS: 100e6 }, options: TransferModelOptions = {}) {
    this.priorWeight = Math.max(0, options.priorWeight ?? 2);
  }

  /** Sets the prior link from one group to another (and back, unless the reverse is set already). */
  link(from: string, to: string, link: TransferLink): this {
    this.priors.set(key(from, to), link);
    if (!this.priors.has(key(to, from))) this.priors.set(key(to, from), link);
    for (const k of [key(from, to), key(to, from)]) if (this.seen.has(k)) this.refit(k);
    return this;
  }

  /** Dollars per GB for data leaving a transfer group (its cloud's egress), unless a link sets its own. */
  egress(group: string, usdPerGB: number): this {
    this.egressUsdPerGB.set(group, usdPerGB);
    return this;
  }

  /**
   * Sets priors from measured transfers (e.g. DELTA's, through
   * `loadDeltaTransfers`): each measured pair fitted robustly.
   */
  seed(samples: readonly TransferSample[]): this {
    for (const l of TransferTimeModel.fit(samples).allLinks()) {
      const prior = this.priors.get(key(l.from, l.to));
      this.link(l.from, l.to, { latencyS: l.latencyS, bytesPerS: l.bytesPerS, ...(prior?.usdPerGB !== undefined ? { usdPerGB: prior.usdPerGB } : {}) });
    }
    return this;
  }

  /** Learns from one observed transfer: the link's fit moves towards it. */
  observe(o: TransferObservation): this {
    checkObservation(o, 'observation');
    if (o.from === o.to) return this;
    const k = key(o.from, o.to);
    const list = this.seen.get(k) ?? [];
    list.push({ from: o.from, to: o.to, bytes: o.bytes, seconds: o.seconds });
    this.seen.set(k, list);
    this.refit(k);
    return this;
  }

  /** Learns from rows of observed transfers (the journal's moves); a bad row is named by its index. */
  observeAll(rows: Iterable<TransferObservation>): this {
    const list = [...rows];
    list.forEach((o, n) => checkObservation(o, `row ${n}`));
    const touched = new Set<string>();
    for (const o of list) {
      if (o.from === o.to) continue;
      const k = key(o.from, o.to);
      const seen = this.seen.get(k) ?? [];
      seen.push({ from: o.from, to: o.to, bytes: o.bytes, seconds: o.seconds });
      this.seen.set(k, seen);
      touched.add(k);
    }
    for (const k of touched) this.refit(k);
    return this;
  }

  /** Observed transfers between two groups so far. */
  observations(from: string, to: string): number {
    return this.seen.get(key(from, to))?.length ?? 0;
  }

  /** The link between two groups: learnt, else its prior, else the fallback. */
  between(from: string, to: string): TransferLink {
    const k = key(from, to);
    return this.learnt.get(k) ?? this.priors.get(k) ?? this.fallback;
  }

  seconds(bytes: number, from: string, to: string): number {
    if (from === to || bytes <= 0) return 0;
    const l = this.between(from, to);
    return l.latencyS + bytes / l.bytesPerS;
  }

  /** Dollars per byte from one group to another: the link's price, else the source group's egress, else 0. */
  usdPerByte(from: string, to: string): number {
    if (from === to) return 0;
    const perGB = this.between(from, to).usdPerGB ?? this.egressUsdPerGB.get(from) ?? 0;
    return perGB / 1e9;
  }

  /** Dollars to move bytes from one group to another. */
  usd(bytes: number, from: string, to: string): number {
    return bytes > 0 ? bytes * this.usdPerByte(from, to) : 0;
  }

  /**
   * Seconds until every input is in group `to`: inputs from one site travel
   * one after another over its link (their bytes add up, one latency), sites
   * send in parallel, so the slowest site decides.
   */
  inputsSeconds(inputs: readonly CallInput[], to: string, groupOf?: (site: string) => string): number {
    let worst = 0;
    for (const [site, bytes] of bySite(inputs, to, groupOf)) worst = Math.max(worst, this.seconds(bytes, site, to));
    return worst;
  }

  /**
   * Dollars to bring every input to group `to`. `groupOf`, when given, names
   * the group an input's site is in (the runtime's `client` site is a group
   * of its own machine).
   */
  inputsUsd(inputs: readonly CallInput[], to: string, groupOf?: (site: string) => string): number {
    let usd = 0;
    for (const [site, bytes] of bySite(inputs, to, groupOf)) usd += this.usd(bytes, site, to);
    return usd;
  }

  private refit(k: string): void {
    const list = this.seen.get(k)!;
    const { from, to } = list[0]!;
    const prior = this.priors.get(k) ?? this.fallback;
    const n = list.length;
    const w = n / (n + this.priorWeight);
    const keep = prior.usdPerGB !== undefined ? { usdPerGB: prior.usdPerGB } : {};
    const oneSize = new Set(list.map((o) => o.bytes)).size < 2;
    if (prior.latencyS === 0 && !Number.isFinite(prior.bytesPerS)) {
      // A free prior (no link configured) says nothing about the link: what was seen is all there is.
      const rates = list.map((o) => o.bytes / Math.max(1e-12, o.seconds)).sort((a, b) => a - b);
      this.learnt.set(k, oneSize ? { latencyS: 0, bytesPerS: rates[Math.floor((rates.length - 1) / 2)]!, ...keep } : { ...TransferTimeModel.fit(list).link(from, to)!, ...keep });
      return;
    }
    if (oneSize) {
      // One size cannot separate latency from bandwidth: keep the prior's shape, scaled to what was seen.
      const ratios = list.map((o) => o.seconds / Math.max(1e-12, prior.latencyS + o.bytes / prior.bytesPerS)).sort((a, b) => a - b);
      const f = Math.exp(w * Math.log(ratios[Math.floor((ratios.length - 1) / 2)]!));
      this.learnt.set(k, { latencyS: prior.latencyS * f, bytesPerS: prior.bytesPerS / f, ...keep });
      return;
    }
    const fit = TransferTimeModel.fit(list).link(from, to)!;
    // The prior counts as `priorWeight` observations: latency and seconds per byte blended.
    const secPerByte = (1 - w) / prior.bytesPerS + w / fit.bytesPerS;
    this.learnt.set(k, { latencyS: (1 - w) * prior.latencyS + w * fit.latencyS, bytesPerS: secPerByte > 0 ? 1 / secPerByte : Number.POSITIVE_INFINITY, ...keep });
  }
}

function key(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/**
 * The bytes to move to group `to`, per site they come from, in the order the
 * sites first appear. A call's inputs come from a site or two: a short list,
 * not a map, is made per call and candidate.
 */
function bySite(inputs: readonly CallInput[], to: string, groupOf?: (site: string) => string): Array<[site: string, bytes: number]> {
  const out: Array<[string, number]> = [];
  for (const i of inputs) {
    const site = groupOf ? groupOf(i.site) : i.site;
    if (site === to || !(i.bytes > 0)) continue;
    const same = out.find((e) => e[0] === site);
    if (same) same[1] += i.bytes;
    else out.push([site, i.bytes]);
  }
  return out;
}

function checkObservation(o: TransferObservation, where: string): void {
  const bad = (field: string, value: unknown, allowed: string) => new TransferObservationError(where, field, value, allowed);
  if (!o || typeof o !== 'object') throw bad('(row)', o, 'an object { from, to, bytes, seconds }');
  if (typeof o.from !== 'string' || o.from === '') throw bad('from', o.from, 'a transfer group name');
  if (typeof o.to !== 'string' || o.to === '') throw bad('to', o.to, 'a transfer group name');
  if (typeof o.bytes !== 'number' || !(o.bytes >= 0) || !Number.isFinite(o.bytes)) throw bad('bytes', o.bytes, 'a finite number >= 0');
  if (typeof o.seconds !== 'number' || !(o.seconds > 0) || !Number.isFinite(o.seconds)) throw bad('seconds', o.seconds, 'a finite number > 0');
}
