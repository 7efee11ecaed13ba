import { readFileSync } from 'node:fs';
import { parse } from '../csv-package.js';
import { PricingError } from '../errors.js';
import { HOUR_MS, type PriceSeries, type SpotData, type SpotDataFormat } from './price-series.js';

/** How {@link readSpotPrices} treats gaps. */
export interface ReadSpotOptions {
  /**
   * SpotLake snapshots: a missing hour takes the last price when the gap is
   * at most this many hours; longer gaps stay unknown (NaN) and no window
   * that crosses them is priced or scored. Default 3.
   */
  readonly maxFillHours?: number;
  /** Keep only these instance types. */
  readonly instanceTypes?: readonly string[];
  /** Keep only these regions (SpotLake) or zones starting with these regions. */
  readonly regions?: readonly string[];
}

/** Longest price history one series may span (hourly slots are allocated for all of it). */
const MAX_SPAN_HOURS = 20 * 8760;

const SPOTLAKE_COLUMNS = ['Time', 'InstanceType', 'AZ', 'SpotPrice'];
const EVENT_COLUMNS = ['Timestamp', 'AvailabilityZone', 'InstanceType', 'SpotPrice'];

/** SpotLake's IF grade → the Spot Advisor interruption band. */
const IF_BANDS: Record<string, string> = { '3': '<5%', '2.5': '5-10%', '2': '10-15%', '1.5': '15-20%', '1': '>20%' };

/**
 * Reads a spot price CSV in either supported layout and resamples every
 * (type, zone) to hourly prices. The layout is detected from the header:
 * SpotLake hourly snapshots (`Time,InstanceType,Region,AZ,...,SpotPrice`) or
 * describe-spot-price-history events (`Timestamp,AvailabilityZone,
 * InstanceType,...,SpotPrice`), where a price holds until the next event.
 * Rows may come in any order. A price of -1 is SpotLake's missing marker:
 * the row is dropped and counted. Any other non-positive or non-numeric price
 * is an error naming the file and line.
 *
 * @example
 * ```ts
 * const data = readSpotPrices('spotlake-2024-01.csv', { regions: ['us-east-1'] });
 * for (const s of data.series.values()) console.log(s.key, s.hourly.length);
 * ```
 */
export function readSpotPrices(file: string, options: ReadSpotOptions = {}): SpotData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new PricingError('CORRAL_SPOT_DATA', `cannot read spot price file ${file}: ${(cause as Error).message}`);
  }
  return parseSpotPrices(text, file, options);
}

/**
 * {@link readSpotPrices} on text already in memory; `file` only names it in errors.
 *
 * @example
 * ```ts
 * parseSpotPrices('Timestamp,AvailabilityZone,InstanceType,SpotPrice\n2015-03-01 00:00:00+00:00,us-east-1a,m3.medium,0.01\n', 'inline');
 * ```
 */
export function parseSpotPrices(text: string, file: string, options: ReadSpotOptions = {}): SpotData {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (cause) {
    const e = cause as { lines?: number; message?: string };
    throw new PricingError('CORRAL_SPOT_DATA', `${file}${e.lines ? `:${e.lines}` : ''}: not valid CSV: ${e.message ?? String(cause)}`);
  }
  if (rows.length === 0) throw new PricingError('CORRAL_SPOT_DATA', `${file}: empty file; expected a header line`);
  const header = rows[0];
  const format = detectFormat(header, file);
  const col = (name: string) => header.indexOf(name);
  const c = format === 'spotlake'
    ? { time: col('Time'), type: col('InstanceType'), zone: col('AZ'), region: col('Region'), price: col('SpotPrice'), od: col('OndemandPrice'), band: col('IF'), product: -1 }
    : { time: col('Timestamp'), type: col('InstanceType'), zone: col('AvailabilityZone'), region: -1, price: col('SpotPrice'), od: col('OnDemandPrice'), band: -1, product: col('ProductDescription') };
  const types = options.instanceTypes ? new Set(options.instanceTypes) : undefined;
  const groups = new Map<string, { meta: Omit<PriceSeries, 'startMs' | 'hourly'>; t: number[]; p: number[] }>();
  let droppedMissing = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const line = r + 1;
    const type = row[c.type];
    const zone = row[c.zone];
    const region = c.region >= 0 ? row[c.region] : undefined;
    if (!type || !zone) throw new PricingError('CORRAL_SPOT_DATA', `${file}:${line}: missing instance type or zone`);
    if (types && !types.has(type)) continue;
    if (options.regions && !options.regions.some((g) => (region ?? zone).startsWith(g))) continue;
    const price = Number(row[c.price]);
    if (price === -1) { droppedMissing++; continue; }
    if (!Number.isFinite(price) || price <= 0) {
      throw new PricingError('CORRAL_SPOT_DATA', `${file}:${line}: SpotPrice "${row[c.price]}" is not a positive number (only -1, the missing marker, is skipped)`);
    }
    const t = parseTime(row[c.time], file, line);
    const key = `${type}@${zone}`;
    let g = groups.get(key);
    if (!g) {
      g = { meta: { key, instanceType: type, zone, ...(region ? { region } : {}), ...(c.product >= 0 && row[c.product] ? { product: row[c.product] } : {}) }, t: [], p: [] };
      groups.set(key, g);
    }
    if (c.product >= 0 && g.meta.product !== undefined && row[c.product] !== g.meta.product) {
      throw new PricingError('CORRAL_SPOT_DATA', `${file}:${line}: ${key} mixes products "${g.meta.product}" and "${row[c.product]}"; keep one product per file`);
    }
    const od = c.od >= 0 ? Number(row[c.od]) : Number.NaN;
    const band = c.band >= 0 ? IF_BANDS[String(Number(row[c.band]))] : undefined;
    g.meta = { ...g.meta, ...(od > 0 ? { onDemandUsdPerHour: od } : {}), ...(band ? { interruptionBand: band } : {}) };
    g.t.push(t);
    g.p.push(price);
  }
  const series = new Map<string, PriceSeries>();
  let unknownHours = 0;
  for (const [key, g] of groups) {
    const order = g.t.map((_, i) => i).sort((a, b) => g.t[a] - g.t[b]);
    const t = order.map((i) => g.t[i]);
    const p = order.map((i) => g.p[i]);
    // One slot per hour: a mistyped year must not ask for centuries of hours.
    if (t[t.length - 1] - t[0] > MAX_SPAN_HOURS * HOUR_MS) {
      throw new PricingError('CORRAL_SPOT_DATA', `${file}: ${key} spans ${new Date(t[0]).toISOString()} to ${new Date(t[t.length - 1]).toISOString()}, more than ${MAX_SPAN_HOURS / 8760} years of hourly prices; check the times`);
    }
    const built = format === 'spotlake' ? hourlyFromSnapshots(t, p, options.maxFillHours ?? 3) : hourlyFromEvents(t, p);
    if (built.hourly.length === 0) continue;
    unknownHours += built.unknown;
    series.set(key, { ...g.meta, startMs: built.startMs, hourly: built.hourly });
  }
  if (series.size === 0) throw new PricingError('CORRAL_SPOT_DATA', `${file}: no usable prices${types || options.regions ? ' for the chosen instance types/regions' : ''}`);
  return { format, file, series, droppedMissing, unknownHours };
}

function detectFormat(header: string[], file: string): SpotDataFormat {
  if (SPOTLAKE_COLUMNS.every((c) => header.includes(c))) return 'spotlake';
  if (EVENT_COLUMNS.every((c) => header.includes(c))) return 'events';
  throw new PricingError('CORRAL_SPOT_DATA',
    `${file}:1: unrecognised header "${header.join(',')}"; expected SpotLake columns (${SPOTLAKE_COLUMNS.join(', ')}) or price-history event columns (${EVENT_COLUMNS.join(', ')})`);
}

function parseTime(text: string | undefined, file: string, line: number): number {
  // Both layouts write "YYYY-MM-DD HH:MM:SS" in UTC; the events layout adds +00:00.
  const iso = (text ?? '').replace(' ', 'T');
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
  if (!Number.isFinite(ms)) throw new PricingError('CORRAL_SPOT_DATA', `${file}:${line}: time "${text}" is not a date (expected YYYY-MM-DD HH:MM:SS, UTC)`);
  return ms;
}

/** Each snapshot prices its own hour; duplicates in one hour are averaged. */
function hourlyFromSnapshots(t: number[], p: number[], maxFill: number): { startMs: number; hourly: Float64Array; unknown: number } {
  const startMs = Math.floor(t[0] / HOUR_MS) * HOUR_MS;
  const n = Math.floor((t[t.length - 1] - startMs) / HOUR_MS) + 1;
  const sum = new Float64Array(n);
  const count = new Uint32Array(n);
  for (let i = 0; i < t.length; i++) {
    const h = Math.floor((t[i] - startMs) / HOUR_MS);
    sum[h] += p[i];
    count[h]++;
  }
  const hourly = new Float64Array(n);
  let unknown = 0;
  let last = Number.NaN;
  let gap = 0;
  for (let h = 0; h < n; h++) {
    if (count[h] > 0) { last = sum[h] / count[h]; gap = 0; hourly[h] = last; continue; }
    gap++;
    hourly[h] = Number.NaN;
    if (gap <= maxFill) hourly[h] = last;
  }
  // A gap longer than the limit is unknown throughout, not filled for its first hours.
  for (let h = 0; h < n; h++) {
    if (count[h] > 0) continue;
    let e = h;
    while (e < n && count[e] === 0) e++;
    if (e - h > maxFill) { hourly.fill(Number.NaN, h, e); unknown += e - h; }
    h = e - 1;
  }
  return { startMs, hourly, unknown };
}

/** A price holds from its event until the next; hour values are time-weighted means. */
function hourlyFromEvents(t: number[], p: number[]): { startMs: number; hourly: Float64Array; unknown: number } {
  const startMs = Math.ceil(t[0] / HOUR_MS) * HOUR_MS;
  const n = Math.floor((t[t.length - 1] - startMs) / HOUR_MS);
  if (n <= 0) return { startMs, hourly: new Float64Array(0), unknown: 0 };
  const hourly = new Float64Array(n);
  let e = 0;
  for (let h = 0; h < n; h++) {
    const a = startMs + h * HOUR_MS;
    const b = a + HOUR_MS;
    while (e + 1 < t.length && t[e + 1] <= a) e++;
    let area = 0;
    let from = a;
    let k = e;
    while (from < b) {
      const to = k + 1 < t.length ? Math.min(b, t[k + 1]) : b;
      area += p[k] * (to - from);
      from = to;
      k++;
    }
    hourly[h] = area / HOUR_MS;
  }
  return { startMs, hourly, unknown: 0 };
}
