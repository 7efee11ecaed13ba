import type { CallState } from './call-state.js';
import type { EndpointSlot } from './endpoint-slot.js';

/**
 * When the runtime places again the calls that wait for room on an endpoint
 * (placed, not started): a run finishing far from its prediction, or an
 * endpoint's price moving, can make another endpoint the better choice.
 *
 * @example
 * ```ts
 * const corral = await Corral.open({ endpoints: 'endpoints.yaml', replacement: { deviation: 3, priceMove: 0.2 } });
 * ```
 */
export interface ReplacementOptions {
  /** Re-place when a run takes more than this many times its prediction, or less than its inverse (default 2; 0 turns it off). */
  readonly deviation?: number;
  /** Re-place when an endpoint's hourly price moves by more than this fraction between status checks (default 0.1; 0 turns it off). */
  readonly priceMove?: number;
  /** Shortest gap between two re-placements triggered by run times, in seconds (default 1). */
  readonly minIntervalS?: number;
  /** Misses smaller than this many seconds never trigger, whatever their ratio (default 0.5): sub-second noise is not news. */
  readonly minDifferenceS?: number;
}

/** What one re-placement did, per run: how many waiting calls it placed again and how many changed endpoint. */
export interface ReplacementOutcome {
  readonly runId: string;
  readonly reason: string;
  readonly replaced: number;
  readonly moved: number;
}

/**
 * The session's re-placement trigger. Calls that wait in a slot are the part
 * of the workflow not yet started whose endpoint is already chosen; calls not
 * yet ready are placed when they become ready, with the predictions and
 * prices of that moment, so they need no re-placement.
 */
export class Replacer {
  private readonly deviation: number;
  private readonly priceMove: number;
  private readonly minIntervalMs: number;
  private readonly minDifferenceS: number;
  private lastDeviationAt = 0;
  private readonly hourlyUsd = new Map<string, number>();

  constructor(
    private readonly slots: ReadonlyMap<string, EndpointSlot<CallState>>,
    options: ReplacementOptions,
    private readonly report: (outcome: ReplacementOutcome) => void,
  ) {
    this.deviation = options.deviation ?? 2;
    this.priceMove = options.priceMove ?? 0.1;
    this.minIntervalMs = (options.minIntervalS ?? 1) * 1000;
    this.minDifferenceS = options.minDifferenceS ?? 0.5;
  }

  /** After a successful attempt: re-places waiting calls when it ran far from its prediction. */
  afterRun(taskId: string, endpoint: string, predictedS: number | undefined, actualS: number): void {
    if (!(this.deviation > 1) || !(predictedS! > 0) || Math.abs(actualS - predictedS!) < this.minDifferenceS || !this.anyWaiting()) return;
    const ratio = actualS / predictedS!;
    if (ratio <= this.deviation && ratio >= 1 / this.deviation) return;
    const now = Date.now();
    if (now - this.lastDeviationAt < this.minIntervalMs) return;
    this.lastDeviationAt = now;
    const how = ratio > 1 ? `${ratio.toFixed(1)}x longer` : `${(1 / ratio).toFixed(1)}x shorter`;
    this.replaceWaiting(`${taskId} on ${endpoint} ran ${how} than predicted (${actualS.toPrecision(3)} s, predicted ${predictedS!.toPrecision(3)} s)`);
  }

  /** At each status check: re-places waiting calls when an endpoint's price moved. */
  checkPrices(at: Date): void {
    if (!(this.priceMove > 0)) return;
    const moves: string[] = [];
    for (const slot of this.slots.values()) {
      const price = slot.costModel.estimate(slot.description, 3600, at).usd;
      const before = this.hourlyUsd.get(slot.name);
      this.hourlyUsd.set(slot.name, price);
      if (before === undefined || !Number.isFinite(price)) continue;
      const change = before > 0 ? Math.abs(price - before) / before : price > 0 ? Infinity : 0;
      if (change > this.priceMove) moves.push(`${slot.name} $${+before.toPrecision(4)}/h -> $${+price.toPrecision(4)}/h`);
    }
    if (moves.length > 0 && this.anyWaiting()) this.replaceWaiting(`price moved: ${moves.join(', ')}`);
  }

  /** Places every waiting call again (policy, predictions and prices as they are now). */
  replaceWaiting(reason: string): ReplacementOutcome[] {
    const waiting = [...this.slots.values()].flatMap((slot) => slot.waiting.splice(0));
    const perRun = new Map<string, { replaced: number; moved: number }>();
    for (const call of waiting) {
      const before = call.endpoint;
      call.owner?.replace(call);
      const tally = perRun.get(call.runId) ?? { replaced: 0, moved: 0 };
      tally.replaced++;
      if (call.endpoint !== before) tally.moved++;
      perRun.set(call.runId, tally);
    }
    const outcomes = [...perRun].map(([runId, t]) => ({ runId, reason, ...t }));
    for (const o of outcomes) this.report(o);
    return outcomes;
  }

  private anyWaiting(): boolean {
    for (const slot of this.slots.values()) if (slot.waiting.length > 0) return true;
    return false;
  }
}
