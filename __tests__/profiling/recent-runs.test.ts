import { RecentRuns } from '../../sdk/profiling/recent-runs.js';

describe('RecentRuns', () => {
  it('keeps the last `capacity` runs, oldest first, and counts every run pushed', () => {
    const runs = new RecentRuns(3);
    for (let i = 1; i <= 5; i++) runs.push({ bytes: i }, `e${i % 2}`, i / 10);
    expect(runs.total).toBe(5);
    expect(runs.size).toBe(3);
    expect(runs.oldestFirst()).toEqual({ inputs: [{ bytes: 3 }, { bytes: 4 }, { bytes: 5 }], groups: ['e1', 'e0', 'e1'], response: [0.3, 0.4, 0.5] });
  });

  it('visits the newest runs in the order they came, before and after the ring wraps', () => {
    const runs = new RecentRuns(4);
    const seen = (count: number): number[] => {
      const out: number[] = [];
      runs.forLast(count, (f) => out.push(f.i!));
      return out;
    };
    runs.push({ i: 1 }, 'a', 1);
    runs.push({ i: 2 }, 'a', 1);
    expect(seen(1)).toEqual([2]);
    expect(seen(5)).toEqual([1, 2]);
    for (let i = 3; i <= 6; i++) runs.push({ i }, 'a', 1);
    expect(seen(2)).toEqual([5, 6]);
    // More than it keeps: only what it kept.
    expect(seen(10)).toEqual([3, 4, 5, 6]);
  });
});
