import seedrandom from 'seedrandom';
import { expectedRun, PreemptionModel, PricingError } from '../../sdk/pricing/index.js';

/** Simulates restarts: interruptions arrive at `rate`; with checkpoints, work resumes from the last one. */
function simulate(hours: number, rate: number, restart: number, tau: number | undefined, cost: number, runs: number): { wall: number; billed: number } {
  const rng = seedrandom('corral-preemption');
  let wall = 0;
  let billed = 0;
  for (let r = 0; r < runs; r++) {
    let done = 0;
    while (done < hours - 1e-12) {
      const segment = tau === undefined ? hours : Math.min(tau, hours - done);
      // The last segment ends the job: nothing to checkpoint.
      const need = segment + (tau === undefined || done + segment >= hours - 1e-12 ? 0 : cost);
      const next = -Math.log(1 - rng()) / rate;
      if (next >= need) { wall += need; billed += need; done += segment; } else { wall += next + restart; billed += next; }
    }
  }
  return { wall: wall / runs, billed: billed / runs };
}

describe('preemption and re-execution', () => {
  test('restart-from-scratch expectation matches a simulation', () => {
    const exact = expectedRun(10, 0.08, { restartHours: 0.1 });
    const sim = simulate(10, 0.08, 0.1, undefined, 0, 20000);
    expect(exact.wallHours).toBeGreaterThan(10);
    expect(Math.abs(exact.wallHours - sim.wall) / exact.wallHours).toBeLessThan(0.03);
    expect(Math.abs(exact.billedHours - sim.billed) / exact.billedHours).toBeLessThan(0.03);
  });

  test('checkpointing expectation matches a simulation and beats restarting for long jobs', () => {
    const ck = expectedRun(10, 0.08, { restartHours: 0.1, checkpointCostHours: 0.05, checkpointIntervalHours: 1 });
    const sim = simulate(10, 0.08, 0.1, 1, 0.05, 20000);
    expect(Math.abs(ck.wallHours - sim.wall) / ck.wallHours).toBeLessThan(0.03);
    const scratch = expectedRun(10, 0.08, { restartHours: 0.1 });
    const optimum = expectedRun(10, 0.08, { restartHours: 0.1, checkpointCostHours: 0.05 });
    expect(optimum.billedHours).toBeLessThan(scratch.billedHours);
    expect(optimum.checkpointIntervalHours).toBeCloseTo(Math.sqrt((2 * 0.05) / 0.08) - 0.05);
  });

  test('a job shorter than the checkpoint interval pays no checkpoint', () => {
    const short = expectedRun(0.01, 0.08, { restartHours: 0.1, checkpointCostHours: 0.05 });
    const scratch = expectedRun(0.01, 0.08, { restartHours: 0.1 });
    expect(short.billedHours).toBeCloseTo(scratch.billedHours, 12);
    expect(short.billedHours).toBeLessThan(0.0101);
  });

  test('no interruptions: the job takes its length', () => {
    expect(expectedRun(3, 0)).toEqual({ wallHours: 3, billedHours: 3, expectedInterruptions: 0 });
  });

  test('the band sets the prior; observed interruptions move it', () => {
    const calm = new PreemptionModel('<5%');
    const rough = new PreemptionModel('>20%');
    expect(rough.ratePerHour()).toBeGreaterThan(calm.ratePerHour());
    const before = calm.ratePerHour();
    calm.observe(100, 3);
    expect(calm.ratePerHour()).toBeGreaterThan(before);
    const quiet = new PreemptionModel('>20%', 5000, 0);
    expect(quiet.ratePerHour()).toBeLessThan(rough.ratePerHour());
    expect(() => new PreemptionModel('7%')).toThrow(/interruption band "7%" is unknown; allowed: <5%, 5-10%/);
    expect(() => calm.observe(-1, 0)).toThrow(PricingError);
  });
});
