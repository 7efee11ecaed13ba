import { deltaTransferModel, deltaTransferSamples, TransferModel, TransferObservationError } from '../../sdk/placement/index.js';

describe('TransferModel: latency + bytes/bandwidth per pair of transfer groups', () => {
  it('charges latency plus bytes over bandwidth between groups, nothing inside one, the same both ways unless told', () => {
    const t = new TransferModel({ latencyS: 1, bytesPerS: 10e6 }).link('lab', 'hpc', { latencyS: 2, bytesPerS: 100e6 });
    expect(t.seconds(500e6, 'lab', 'hpc')).toBeCloseTo(2 + 5, 9);
    expect(t.seconds(500e6, 'hpc', 'lab')).toBeCloseTo(7, 9);
    expect(t.seconds(500e6, 'lab', 'lab')).toBe(0);
    expect(t.seconds(10e6, 'lab', 'cloud')).toBeCloseTo(1 + 1, 9); // unlinked pair: the fallback
    t.link('hpc', 'lab', { latencyS: 3, bytesPerS: 50e6 });
    expect(t.seconds(500e6, 'hpc', 'lab')).toBeCloseTo(13, 9);
    expect(t.seconds(500e6, 'lab', 'hpc')).toBeCloseTo(7, 9);
  });

  it('prices egress per GB: the source group\'s price, unless the link sets its own; never inside a group', () => {
    const t = new TransferModel().egress('aws', 0.09).link('aws', 'hpc', { latencyS: 1, bytesPerS: 1e8, usdPerGB: 0.02 });
    expect(t.usd(2e9, 'aws', 'lab')).toBeCloseTo(0.18, 12);
    expect(t.usd(2e9, 'aws', 'hpc')).toBeCloseTo(0.04, 12);
    expect(t.usd(2e9, 'lab', 'aws')).toBe(0); // ingress is free unless priced
    expect(t.usd(2e9, 'aws', 'aws')).toBe(0);
  });

  it('moves the inputs of one site one after another and the sites in parallel', () => {
    const t = new TransferModel({ latencyS: 1, bytesPerS: 100e6 }).link('a', 'c', { latencyS: 10, bytesPerS: 1e9 });
    const inputs = [{ bytes: 300e6, site: 'b' }, { bytes: 200e6, site: 'b' }, { bytes: 1e9, site: 'a' }, { bytes: 7e9, site: 'c' }];
    // b -> c: one latency, 500 MB at 100 MB/s = 6 s; a -> c: 10 + 1 = 11 s; the input already at c moves nothing.
    expect(t.inputsSeconds(inputs, 'c')).toBeCloseTo(11, 9);
    expect(t.inputsSeconds([{ bytes: 300e6, site: 'b' }, { bytes: 200e6, site: 'b' }], 'c')).toBeCloseTo(6, 9);
    t.egress('a', 0.1).egress('b', 0.05);
    expect(t.inputsUsd(inputs, 'c')).toBeCloseTo(0.1 + 0.025, 12);
  });

  it('counts inputs of one site and of several alike, and groups sites through groupOf (the client in its machine\'s group)', () => {
    const t = new TransferModel({ latencyS: 1, bytesPerS: 100e6 }).link('campus', 'aws', { latencyS: 0.5, bytesPerS: 1e9, usdPerGB: 0.02 });
    const fromClient = [{ bytes: 300e6, site: 'client' }, { bytes: 0, site: 'x' }, { bytes: 200e6, site: 'client' }];
    const groupOf = (site: string) => (site === 'client' ? 'campus' : site);
    // One site: its bytes add up behind one latency, as with several (the empty input from x moves nothing).
    expect(t.inputsSeconds(fromClient, 'aws', groupOf)).toBeCloseTo(0.5 + 0.5, 9);
    expect(t.inputsUsd(fromClient, 'aws', groupOf)).toBeCloseTo(0.01, 12);
    // Without groupOf, `client` is a group of its own: the fallback link, and free egress.
    expect(t.inputsSeconds(fromClient, 'aws')).toBeCloseTo(1 + 5, 9);
    expect(t.inputsUsd(fromClient, 'aws')).toBe(0);
    // Inside the group, nothing moves; two sites move in parallel (the slowest decides) and both pay.
    expect(t.inputsSeconds(fromClient, 'campus', groupOf)).toBe(0);
    expect(t.inputsUsd(fromClient, 'campus', groupOf)).toBe(0);
    const twoSites = [...fromClient, { bytes: 1e9, site: 'lab' }];
    expect(t.inputsSeconds(twoSites, 'aws', groupOf)).toBeCloseTo(1 + 10, 9);
    expect(t.inputsUsd(twoSites.slice().reverse(), 'aws', groupOf)).toBeCloseTo(0.01, 12);
  });
});

describe('TransferModel learns from observed transfers', () => {
  it('with a free prior (no link configured) learns a link from what was seen alone, at one size or several', () => {
    const free = () => new TransferModel({ latencyS: 0, bytesPerS: Number.POSITIVE_INFINITY });
    expect(free().seconds(1e6, 'hpc', 'client')).toBe(0);
    const oneSize = free().observeAll([{ from: 'hpc', to: 'client', bytes: 2e6, seconds: 0.5 }, { from: 'hpc', to: 'client', bytes: 2e6, seconds: 0.3 }, { from: 'hpc', to: 'client', bytes: 2e6, seconds: 0.4 }]);
    expect(oneSize.seconds(4e6, 'hpc', 'client')).toBeCloseTo(0.8, 9); // 5 MB/s, the median rate
    const sizes = free().observeAll([1e6, 2e6, 4e6, 8e6].map((bytes) => ({ from: 'hpc', to: 'client', bytes, seconds: 0.1 + bytes / 1e7 })));
    expect(sizes.seconds(16e6, 'hpc', 'client')).toBeCloseTo(1.7, 6);
    expect(sizes.seconds(16e6, 'hpc', 'aws')).toBe(0);
  });

  /** A link that is really 3 s + bytes at 20 MB/s, observed at a few sizes. */
  const truth = (bytes: number) => 3 + bytes / 20e6;
  const seen = [1e6, 16e6, 64e6, 256e6, 512e6].flatMap((bytes) => [0, 1, 2, 3, 4].map(() => ({ from: 'lab', to: 'hpc', bytes, seconds: truth(bytes) })));

  it('moves a wrong prior to what was observed', () => {
    const t = new TransferModel().link('lab', 'hpc', { latencyS: 0.05, bytesPerS: 200e6 });
    const before = t.seconds(300e6, 'lab', 'hpc');
    expect(Math.abs(before - truth(300e6)) / truth(300e6)).toBeGreaterThan(0.8);
    for (const o of seen) t.observe(o);
    expect(t.observations('lab', 'hpc')).toBe(seen.length);
    for (const bytes of [8e6, 300e6, 1e9]) expect(Math.abs(t.seconds(bytes, 'lab', 'hpc') - truth(bytes)) / truth(bytes)).toBeLessThan(0.1);
    // Learnt one way only: the reverse keeps its prior until its own moves are seen.
    expect(t.seconds(300e6, 'hpc', 'lab')).toBeCloseTo(before, 9);
  });

  it('keeps the prior\'s slope when every observation has one size, and lets one stalled transfer not bend the line', () => {
    const prior = { latencyS: 3, bytesPerS: 20e6 };
    const oneSize = new TransferModel().link('lab', 'hpc', prior).observe({ from: 'lab', to: 'hpc', bytes: 64e6, seconds: truth(64e6) });
    expect(oneSize.seconds(1e9, 'lab', 'hpc')).toBeCloseTo(truth(1e9), 3);
    const clean = new TransferModel().link('lab', 'hpc', prior).observeAll(seen);
    const stalled = new TransferModel().link('lab', 'hpc', prior).observeAll([...seen, { from: 'lab', to: 'hpc', bytes: 16e6, seconds: 400 }]);
    for (const bytes of [1e6, 100e6, 1e9]) {
      expect(Math.abs(stalled.seconds(bytes, 'lab', 'hpc') - clean.seconds(bytes, 'lab', 'hpc')) / clean.seconds(bytes, 'lab', 'hpc')).toBeLessThan(0.05);
    }
  });

  it('loads journal rows of { from, to, bytes, seconds }, and names the row, field and value it cannot use', () => {
    const t = new TransferModel();
    expect(() => t.observeAll([...seen.slice(0, 2), { from: 'lab', to: 'hpc', bytes: -5, seconds: 1 }])).toThrow(TransferObservationError);
    const error = (() => { try { t.observeAll([seen[0]!, { from: 'lab', to: '', bytes: 5, seconds: 1 }]); } catch (e) { return e as TransferObservationError; } return undefined; })();
    expect(error?.code).toBe('CORRAL_TRANSFER_OBSERVATION');
    expect(error?.message).toBe('observed transfer, row 1: to is ""; must be a transfer group name');
    expect(() => t.observe({ from: 'lab', to: 'hpc', bytes: 5, seconds: 0 })).toThrow('observed transfer, observation: seconds is 0; must be a finite number > 0');
    // A rejected batch teaches nothing.
    expect(t.observations('lab', 'hpc')).toBe(0);
  });
});

describe('the DELTA seed', () => {
  const samples = deltaTransferSamples();

  it('carries DELTA\'s measured transfers: 20 ordered pairs of 5 groups, 36 each from 2 B to 1 GiB', () => {
    expect(samples).toHaveLength(20 * 36);
    expect(new Set(samples.map((s) => s.from))).toEqual(new Set(['aws_slow', 'chameleon', 'uchicago_fast', 'midway', 'uchicago_slow']));
    expect(Math.min(...samples.map((s) => s.bytes))).toBe(2);
    expect(Math.max(...samples.map((s) => s.bytes))).toBe(2 ** 30);
  });

  it('fits DELTA\'s measurements: the median run of each pair and size within 15% on average, 1 GiB within 40% on every pair', () => {
    const t = deltaTransferModel();
    const pairs = new Set(samples.map((s) => `${s.from}>${s.to}`));
    const errors: number[] = [];
    for (const pair of pairs) {
      const [from, to] = pair.split('>') as [string, string];
      for (const bytes of new Set(samples.map((s) => s.bytes))) {
        const runs = samples.filter((s) => s.from === from && s.to === to && s.bytes === bytes).map((s) => s.seconds).sort((a, b) => a - b);
        const median = runs[Math.floor(runs.length / 2)]!;
        const error = Math.abs(t.seconds(bytes, from, to) - median) / median;
        errors.push(error);
        if (bytes === 2 ** 30) expect(error).toBeLessThan(0.4);
      }
    }
    expect(errors.reduce((a, b) => a + b, 0) / errors.length).toBeLessThan(0.15);
    expect(t.between('my-lab', 'my-cloud')).toEqual(t.fallback);
    const latencies = [...pairs].map((p) => { const [a, b] = p.split('>') as [string, string]; return t.between(a, b).latencyS; });
    expect(t.fallback.latencyS).toBeGreaterThanOrEqual(Math.min(...latencies));
    expect(t.fallback.latencyS).toBeLessThanOrEqual(Math.max(...latencies));
  });
});
