import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from './csv-package.js';
import { PricingError } from './errors.js';

/** One instance type's on-demand price. */
export interface InstancePrice {
  readonly instanceType: string;
  readonly region: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly usdPerHour: number;
  /** Spot Advisor interruption band, when the table has it. */
  readonly interruptionBand?: string;
}

const DEFAULT_TABLE = new URL('./data/aws-ec2-us-east-1-2026.csv', import.meta.url);
const REQUIRED = ['instance_type', 'region', 'vcpus', 'memory_gib', 'ondemand_usd_per_hour'];
const cache = new Map<string, Map<string, InstancePrice>>();

/**
 * Reads an on-demand price table (CSV with instance_type, region, vcpus,
 * memory_gib, ondemand_usd_per_hour and optionally spot_interruption_band),
 * keyed `region/type`. Without a file: the EC2 us-east-1 table shipped with
 * corral (sdk/pricing/data).
 *
 * @example
 * ```ts
 * readPriceTable().get('us-east-1/c5.large')?.usdPerHour; // 0.085
 * ```
 */
export function readPriceTable(file?: string): ReadonlyMap<string, InstancePrice> {
  const name = file ?? fileURLToPath(DEFAULT_TABLE);
  const hit = cache.get(name);
  if (hit) return hit;
  let text: string;
  try {
    text = readFileSync(file ?? DEFAULT_TABLE, 'utf8');
  } catch (cause) {
    throw new PricingError('CORRAL_COST_CONFIG', `cannot read price table ${name}: ${(cause as Error).message}`);
  }
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const missing = REQUIRED.filter((c) => rows.length > 0 && !(c in rows[0]));
  if (rows.length === 0 || missing.length) {
    throw new PricingError('CORRAL_COST_CONFIG', `price table ${name}: ${rows.length === 0 ? 'no rows' : `missing column(s) ${missing.join(', ')}`}; required: ${REQUIRED.join(', ')}`);
  }
  const table = new Map<string, InstancePrice>();
  rows.forEach((r, i) => {
    const usdPerHour = Number(r.ondemand_usd_per_hour);
    if (!(usdPerHour > 0)) {
      throw new PricingError('CORRAL_COST_CONFIG', `price table ${name}:${i + 2}: ondemand_usd_per_hour "${r.ondemand_usd_per_hour}" of ${r.instance_type} is not a positive number`);
    }
    table.set(`${r.region}/${r.instance_type}`, {
      instanceType: r.instance_type, region: r.region, vcpus: Number(r.vcpus), memoryGiB: Number(r.memory_gib), usdPerHour,
      ...(r.spot_interruption_band ? { interruptionBand: r.spot_interruption_band } : {}),
    });
  });
  cache.set(name, table);
  return table;
}

/**
 * The price of one type in one region, or an error naming near matches.
 *
 * @example
 * ```ts
 * lookupPrice('c5.large', 'us-east-1').usdPerHour; // 0.085
 * ```
 */
export function lookupPrice(instanceType: string, region: string, file?: string): InstancePrice {
  const table = readPriceTable(file);
  const hit = table.get(`${region}/${instanceType}`);
  if (hit) return hit;
  const family = instanceType.split('.')[0];
  const regions = [...new Set([...table.values()].map((p) => p.region))];
  const near = [...table.values()].filter((p) => p.region === region && p.instanceType.startsWith(`${family}.`)).map((p) => p.instanceType).slice(0, 8);
  throw new PricingError('CORRAL_PRICE_UNKNOWN',
    `no on-demand price for instance type "${instanceType}" in region "${region}" (table ${file ?? 'shipped with corral'}); regions in the table: ${regions.join(', ')}${near.length ? `; same family: ${near.join(', ')}` : ''}; or set usdPerHour`);
}
