/** Latency and bandwidth between two transfer groups. */
export interface TransferLink {
  readonly latencyS: number;
  readonly bytesPerS: number;
}

/**
 * Seconds to move bytes between transfer groups: latency + bytes / bandwidth,
 * 0 inside one group. Links are symmetric unless both directions are given.
 *
 * @example
 * ```ts
 * const t = new TransferModel({ latencyS: 0.05, bytesPerS: 100e6 }).link('uchicago', 'aws', { latencyS: 12.5, bytesPerS: 1.1e8 });
 * t.seconds(1e9, 'uchicago', 'aws'); // ≈ 21.6
 * ```
 */
export class TransferModel {
  private readonly links = new Map<string, TransferLink>();
  constructor(readonly fallback: TransferLink = { latencyS: 0.05, bytesPerS: 100e6 }) {}

  /** Sets the link from one group to another (and back, unless the reverse is set already). */
  link(from: string, to: string, link: TransferLink): this {
    this.links.set(`${from}\u0000${to}`, link);
    if (!this.links.has(`${to}\u0000${from}`)) this.links.set(`${to}\u0000${from}`, link);
    return this;
  }

  /** The link between two groups (the fallback when none was set). */
  between(from: string, to: string): TransferLink {
    return this.links.get(`${from}\u0000${to}`) ?? this.fallback;
  }

  seconds(bytes: number, from: string, to: string): number {
    if (from === to || bytes <= 0) return 0;
    const l = this.between(from, to);
    return l.latencyS + bytes / l.bytesPerS;
  }
}
