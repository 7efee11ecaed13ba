/** One hour, in milliseconds. */
export const HOUR_MS = 3_600_000;

/**
 * The spot price history of one instance type in one zone, resampled to
 * hours: `hourly[i]` is the time-weighted mean $/h over hour `startMs + i h`,
 * so the cost of running from hour a to hour b is the sum of hourly[a..b-1].
 * NaN marks an hour with no known price (a gap in snapshot data).
 *
 * @example
 * ```ts
 * const s = series.get('c5.large@use1-az1')!;
 * console.log(s.instanceType, s.zone, s.hourly.length);
 * ```
 */
export interface PriceSeries {
  /** `type@zone`: unique within one data file. */
  readonly key: string;
  readonly instanceType: string;
  readonly zone: string;
  readonly region?: string;
  readonly product?: string;
  /** Epoch milliseconds of the first hour (on an hour boundary). */
  readonly startMs: number;
  readonly hourly: Float64Array;
  /** Last on-demand $/h seen in the file, when the file has it. */
  readonly onDemandUsdPerHour?: number;
  /** Last interruption band seen (SpotLake IF grade as a label such as `5-10%`), when known. */
  readonly interruptionBand?: string;
}

/** Which of the two supported layouts a spot price file has. */
export type SpotDataFormat = 'spotlake' | 'events';

/** A loaded spot price file: its series and what was dropped while reading. */
export interface SpotData {
  readonly format: SpotDataFormat;
  readonly file: string;
  readonly series: ReadonlyMap<string, PriceSeries>;
  /** Rows skipped because their price was the missing marker (-1). */
  readonly droppedMissing: number;
  /** Hours left unknown (NaN) because a gap was longer than the fill limit. */
  readonly unknownHours: number;
}

/**
 * Mean $/h over hours [from, from + hours) of a series, or NaN if any hour
 * in that span is unknown or outside the series.
 *
 * @example
 * ```ts
 * const usd = meanPrice(s, 24, 168) * 168; // cost of a week from day 1
 * ```
 */
export function meanPrice(series: PriceSeries, from: number, hours: number): number {
  if (from < 0 || from + hours > series.hourly.length || hours <= 0) return Number.NaN;
  let sum = 0;
  for (let i = from; i < from + hours; i++) sum += series.hourly[i];
  return sum / hours;
}
