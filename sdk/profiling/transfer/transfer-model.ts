import { ProfilingError } from '../errors.js';

/** One measured transfer between two transfer groups. */
export interface TransferSample {
  readonly from: string;
  readonly to: string;
  readonly bytes: number;
  readonly seconds: number;
}

/** Fitted latency and bandwidth of one ordered pair of transfer groups. */
export interface FittedTransferLink {
  readonly from: string;
  readonly to: string;
  readonly latencyS: number;
  readonly bytesPerS: number;
  readonly samples: number;
}

/**
 * Transfer time by bytes per pair of transfer groups, as in DELTA's
 * finish-time estimate: seconds = latency + bytes / bandwidth, fitted to
 * minimise the absolute relative error (iteratively reweighted least
 * squares), so one stalled transfer among many does not bend the line.
 * A pair never measured uses its reverse; a group to itself without
 * measurements is free.
 *
 * @example
 * ```ts
 * const model = TransferTimeModel.fit(loadDeltaTransfers(json));
 * model.predict('aws_slow', 'chameleon', 64 * 2 ** 20); // seconds
 * ```
 */
export class TransferTimeModel {
  private constructor(private readonly links: ReadonlyMap<string, FittedTransferLink>) {}

  static fit(samples: readonly TransferSample[]): TransferTimeModel {
    const byPair = new Map<string, TransferSample[]>();
    for (const s of samples) {
      if (!(s.seconds > 0) || !Number.isFinite(s.seconds) || !(s.bytes >= 0)) {
        throw new ProfilingError('CORRAL_PROFILE_BAD_DATA', `transfer ${s.from} -> ${s.to}: ${s.bytes} bytes in ${s.seconds} s; need bytes >= 0 and seconds > 0`);
      }
      const key = pairKey(s.from, s.to);
      const pair = byPair.get(key);
      if (pair) pair.push(s);
      else byPair.set(key, [s]);
    }
    const links = new Map<string, FittedTransferLink>();
    for (const [key, list] of byPair) {
      const { latencyS, bytesPerS } = fitLink(list);
      links.set(key, { from: list[0].from, to: list[0].to, latencyS, bytesPerS, samples: list.length });
    }
    return new TransferTimeModel(links);
  }

  /** Predicted seconds to move `bytes` from one transfer group to another. */
  predict(from: string, to: string, bytes: number): number {
    const link = this.link(from, to);
    if (!link) return 0;
    return link.latencyS + Math.max(0, bytes) / link.bytesPerS;
  }

  /** The fitted link of a pair (or its reverse), if measured. */
  link(from: string, to: string): FittedTransferLink | undefined {
    return this.links.get(pairKey(from, to)) ?? this.links.get(pairKey(to, from));
  }

  /** Every fitted link. */
  allLinks(): FittedTransferLink[] {
    return [...this.links.values()];
  }
}

function pairKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** IRLS for min Σ |t − (a + b·s)| / t with a, b ≥ 0. */
function fitLink(list: readonly TransferSample[]): { latencyS: number; bytesPerS: number } {
  let a = Math.min(...list.map((s) => s.seconds));
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    let sw = 0; let sx = 0; let sy = 0; let sxx = 0; let sxy = 0;
    for (const s of list) {
      const r = Math.abs(s.seconds - (a + b * s.bytes)) / s.seconds;
      const w = 1 / (s.seconds * s.seconds * Math.max(r, 1e-3));
      sw += w; sx += w * s.bytes; sy += w * s.seconds; sxx += w * s.bytes * s.bytes; sxy += w * s.bytes * s.seconds;
    }
    const det = sw * sxx - sx * sx;
    let nb = det > 0 ? (sw * sxy - sx * sy) / det : 0;
    let na = (sy - nb * sx) / sw;
    if (nb < 0) { nb = 0; na = sy / sw; }
    if (na < 0) { na = 0; nb = sxx > 0 ? sxy / sxx : 0; }
    const done = Math.abs(na - a) <= 1e-9 * Math.max(1, a) && Math.abs(nb - b) <= 1e-15;
    a = na; b = nb;
    if (done) break;
  }
  // A pair whose times do not grow with size has (effectively) unlimited bandwidth.
  return { latencyS: a, bytesPerS: b > 0 ? 1 / b : Number.POSITIVE_INFINITY };
}
