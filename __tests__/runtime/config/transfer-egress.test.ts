// endpoints.yaml's data-movement fields: `transfer.seed: delta`, a link's
// `usdPerGB`, and an endpoint's `cost.egressUsdPerGB`.
import { ConfigError, deltaTransferModel } from '../../../sdk/index.js';
import { parseEndpointsYaml, simulationEndpoints, transferModelOf } from '../../../sdk/runtime/index.js';

const file = `transfer:
  seed: delta
  links:
    - { from: lab, to: aws_slow, latencyS: 2, bytesPerS: 50000000, usdPerGB: 0.02 }
endpoints:
  lab:
    kind: simulated
    transferGroup: lab
  cloud:
    kind: simulated
    transferGroup: aws_slow
    cost: { usdPerHour: 0.085, watts: 40, egressUsdPerGB: 0.09 }
  hpc:
    kind: simulated
    transferGroup: midway
    cost: { egressUsdPerGB: 0 }
  ondemand:
    kind: simulated
    transferGroup: aws_east
    cost: { model: on-demand, usdPerHour: 0.17, minimumBilledS: 0, egressUsdPerGB: 0.05 }
`;

describe('endpoints.yaml: transfer seed, link prices and egress', () => {
  it('seeds DELTA\'s measured links, takes link prices and endpoints\' egress, and keeps egress out of the simulated kind\'s compute price', () => {
    const spec = parseEndpointsYaml(file, 'endpoints.yaml');
    expect(spec.entries.find((e) => e.common.name === 'cloud')).toMatchObject({ egressUsdPerGB: 0.09, common: { cost: { usdPerHour: 0.085, watts: 40 } } });
    expect(spec.entries.find((e) => e.common.name === 'hpc')!.common.cost).toBeUndefined();
    // A pricing model keeps its egress price: its cost model bills egress bytes with it.
    expect(spec.entries.find((e) => e.common.name === 'ondemand')).toMatchObject({ egressUsdPerGB: 0.05, common: { cost: { model: 'on-demand', egressUsdPerGB: 0.05 } } });
    const t = transferModelOf(spec);
    const delta = deltaTransferModel();
    expect(t.between('aws_slow', 'midway')).toEqual(delta.between('aws_slow', 'midway'));
    expect(t.between('lab', 'cloud-site')).toEqual(delta.fallback);
    expect(t.seconds(1e8, 'lab', 'aws_slow')).toBeCloseTo(2 + 2, 9);
    expect(t.usd(1e9, 'lab', 'aws_slow')).toBeCloseTo(0.02, 12); // the link's price
    expect(t.usd(1e9, 'aws_slow', 'midway')).toBeCloseTo(0.09, 12); // leaving the cloud's group
    expect(t.usd(1e9, 'midway', 'aws_slow')).toBe(0);
    const { endpoints, transfer } = simulationEndpoints(spec);
    expect(endpoints.find((e) => e.name === 'cloud')!.usdPerHour).toBeCloseTo(0.085, 12);
    expect(endpoints.find((e) => e.name === 'ondemand')!.usdPerHour).toBeCloseTo(0.17, 12);
    expect(transfer.usd(1e9, 'aws_east', 'lab')).toBeCloseTo(0.05, 12);
    expect(transfer.usd(1e9, 'aws_slow', 'lab')).toBeCloseTo(0.02, 12);
  });

  it('names the file, line, field and bad value of a wrong egress price or seed', () => {
    const bad = (text: string) => { try { parseEndpointsYaml(text, 'endpoints.yaml'); } catch (e) { return e as ConfigError; } throw new Error('accepted'); };
    const negative = bad(file.replace('egressUsdPerGB: 0.09', 'egressUsdPerGB: -1'));
    expect(negative).toBeInstanceOf(ConfigError);
    expect(negative.message).toMatch(/^endpoints\.yaml:12:\d+: endpoints\.cloud\.cost\.egressUsdPerGB must be a number of US dollars per GB >= 0 \(got -1\)/);
    const link = bad(file.replace('usdPerGB: 0.02', 'usdPerGB: cheap'));
    expect(link.message).toMatch(/^endpoints\.yaml:4:\d+: transfer\.links\.0\.usdPerGB must be a number of US dollars per GB >= 0/);
    const seed = bad(file.replace('seed: delta', 'seed: measured'));
    expect(seed.message).toMatch(/^endpoints\.yaml:2:\d+: transfer\.seed must be "delta"/);
  });
});
