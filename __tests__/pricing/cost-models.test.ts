import type { EndpointDescription } from '../../sdk/endpoints/index.js';
import { costConfigSchema, createCostModel, EnergyCostModel, lookupPrice, PricingError, readPriceTable } from '../../sdk/pricing/index.js';
import { SPOTLAKE } from './fixtures.js';

const endpoint: EndpointDescription = { name: 'ep', kind: 'local', workers: 4, hardware: { cores: 4 }, transferGroup: 'here' };
const now = new Date('2024-02-01T00:00:00Z');
const where = { where: 'endpoints.yaml: endpoint "ep"' };

describe('cost models per endpoint kind', () => {
  test('on-demand: real table price, per-second billing with a minimum, egress per GB', () => {
    const price = lookupPrice('c5.large', 'us-east-1').usdPerHour;
    expect(price).toBeGreaterThan(0);
    const model = createCostModel({ model: 'on-demand', instanceType: 'c5.large', region: 'us-east-1' }, where);
    expect(model.estimate(endpoint, 30, now).usd).toBeCloseTo((60 * price) / 3600, 12);
    expect(model.estimate(endpoint, 600, now).usd).toBeCloseTo((600 * price) / 3600, 12);
    const withEgress = model.estimate(endpoint, 600, now, { egressBytes: 2e9 });
    expect(withEgress.usd - model.estimate(endpoint, 600, now).usd).toBeCloseTo(0.18, 12);
    expect(readPriceTable().size).toBeGreaterThan(1000);
  });

  test('energy: active and idle watts, price and carbon per kWh; a block without model is energy', () => {
    const model = new EnergyCostModel({ activeWatts: 20, idleWatts: 5, usdPerKWh: 0.36, gCo2PerKWh: 400 });
    const e = model.estimate(endpoint, 3600, now, { idleSeconds: 3600 });
    expect(e.joules).toBe(25 * 3600);
    expect(e.usd).toBeCloseTo(0.025 * 0.36, 12);
    expect(e.co2g).toBeCloseTo(10, 9);
    expect(createCostModel({ activeWatts: 6 }).estimate(endpoint, 10, now).joules).toBe(60);
    expect(createCostModel(undefined).kind).toBe('energy');
  });

  test('hpc: service units per node-hour in dollars, queue wait from the live status', () => {
    const model = createCostModel({ model: 'hpc', suPerNodeHour: 64, nodes: 2, usdPerSu: 0.01, queueWaitPerTaskS: 120 });
    const idle = model.estimate(endpoint, 1800, now, { status: { online: true, totalWorkers: 4, idleWorkers: 4, queued: 0 } });
    expect(idle.usd).toBeCloseTo(0.64, 12);
    expect(idle.seconds).toBe(1800);
    const busy = model.estimate(endpoint, 1800, now, { status: { online: true, totalWorkers: 4, idleWorkers: 0, queued: 8 } });
    expect(busy.seconds).toBe(1800 + 240);
    expect(busy.quantiles!.p95.seconds).toBeGreaterThan(busy.seconds);
    expect(createCostModel({ model: 'hpc', suPerNodeHour: 64 }).estimate(endpoint, 3600, now).usd).toBe(0);
  });

  test('free costs nothing but time', () => {
    expect(createCostModel({ model: 'free' }).estimate(endpoint, 5, now)).toMatchObject({ usd: 0, seconds: 5, joules: 0 });
  });

  test('spot: forecast price times billed hours with re-execution; interval ordered; riskier band costs more', () => {
    const base = { model: 'spot', prices: SPOTLAKE, instanceType: 'c5.large', zone: 'use1-az1' };
    const calm = createCostModel({ ...base, interruptionBand: '<5%' }).estimate(endpoint, 24 * 3600, now);
    const rough = createCostModel({ ...base, interruptionBand: '>20%' }).estimate(endpoint, 24 * 3600, now);
    const q = calm.quantiles!;
    expect(q.p5.usd).toBeLessThanOrEqual(q.p50.usd);
    expect(q.p50.usd).toBeLessThanOrEqual(q.p95.usd);
    expect(q.p95.usd).toBeGreaterThan(q.p5.usd);
    expect(calm.usd).toBeGreaterThan(0);
    expect(calm.seconds).toBeGreaterThan(24 * 3600);
    expect(rough.usd).toBeGreaterThan(calm.usd);
    expect(rough.detail!.expectedInterruptions as number).toBeGreaterThan(calm.detail!.expectedInterruptions as number);
    const checkpointed = createCostModel({ ...base, interruptionBand: '>20%', checkpointCostS: 30 }).estimate(endpoint, 24 * 3600, now);
    expect(checkpointed.usd).toBeLessThan(rough.usd);
  });

  test('bad cost blocks are errors naming the field, the value and what is allowed', () => {
    const fail = (config: unknown) => {
      try { createCostModel(config, where); } catch (e) { return e as PricingError; }
      throw new Error('expected an error');
    };
    expect(fail({ model: 'gpu' }).message).toBe('endpoints.yaml: endpoint "ep": cost.model must have model: energy, on-demand, spot, hpc or free (got "gpu")');
    expect(fail({ model: 'hpc', suPerNodeHour: -1 }).message).toMatch(/cost\.suPerNodeHour must be a number of service units per node-hour > 0 \(got -1\)/);
    expect(fail({ model: 'energy', watts: 3 }).message).toMatch(/cost\.watts is not a field of model "energy"; allowed: model, activeWatts/);
    expect(fail({ model: 'on-demand' }).message).toMatch(/cost\.instanceType needs instanceType/);
    const unknown = fail({ model: 'on-demand', instanceType: 'c5.huge' });
    expect(unknown.code).toBe('CORRAL_PRICE_UNKNOWN');
    expect(unknown.message).toMatch(/"c5\.huge" in region "us-east-1".*same family: .*c5\.large/);
    expect(fail({ model: 'on-demand', instanceType: 'c5.large', region: 'mars-1' }).message).toMatch(/regions in the table: us-east-1/);
    const spotZone = createCostModel({ model: 'spot', prices: SPOTLAKE, instanceType: 'c5.large', zone: 'nowhere' });
    expect(() => spotZone.estimate(endpoint, 60, now)).toThrow(/no prices for c5\.large in zone "nowhere".*zones with that type: use1-az1/);
    const parsed = costConfigSchema.safeParse({ model: 'spot', instanceType: 'c5.large', zone: 'a' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].path).toEqual(['prices']);
  });
});
