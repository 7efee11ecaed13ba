// Tasks of examples/dag-pipeline.ts: which EC2 instance type transcodes a video
// most cheaply, from CoreMark and ffmpeg measured on 686 types. Workers import
// this module to run its tasks, so it holds tasks only: no top-level work.
import { costBudget, remote } from '../../sdk/index.js';

/** One measured instance type (a row of ec2-bench-dev.csv). */
export interface Instance {
  type: string;
  family: string;
  vcpus: number;
  coremark: number;
  ffmpegS: number;
  usdPerHour: number;
}

/** What one instance category (AWS's grouping by family letter) offers. */
export interface CategoryStats {
  category: string;
  types: number;
  /** Median cost of one transcode, with a 90% bootstrap interval. */
  medianUsd: number;
  lowUsd: number;
  highUsd: number;
  cheapest: { type: string; usd: number; seconds: number };
}

/** log(ffmpeg seconds) = a + b log(CoreMark iterations/s): how far CPU speed alone explains the transcode. */
export interface SpeedModel {
  a: number;
  b: number;
  r2: number;
  n: number;
}

/** The fan-in: the categories ranked, and the best buys judged against the speed model. */
export interface Ranking {
  categories: CategoryStats[];
  best: Array<{ type: string; usd: number; seconds: number; vsModel: number }>;
}

/** AWS's instance categories, by the start of the family name (hpc6a is compute, inf2 accelerated, i4i storage). */
export const CATEGORIES: Record<string, RegExp> = {
  general: /^(m|t|a|mac)\d/, compute: /^(c|hpc)\d/, memory: /^(r|x|z|u)\d|^u7|^u-/, storage: /^(i|d|h|im|is)\d/, accelerated: /^(g|gr|p|f|inf|trn|dl|vt)\d/,
};

const usdPerTranscode = (i: Instance) => (i.ffmpegS * i.usdPerHour) / 3600;

export class Ec2Pipeline {
  /** CSV text to typed rows; types without an on-demand price are dropped. */
  @remote({ features: (csv: string) => ({ bytes: csv.length }) })
  async parse(csv: string): Promise<Instance[]> {
    const [header, ...lines] = csv.trim().split(/\r?\n/); // the file has CRLF line ends
    const col = Object.fromEntries(header!.split(',').map((name, i) => [name, i]));
    return lines.map((line) => line.split(',')).filter((f) => f[col.ondemand_usd_per_hour!] !== '').map((f) => ({
      type: f[col.instance_type!]!, family: f[col.family!]!, vcpus: Number(f[col.vcpus!]),
      coremark: Number(f[col.coremark_iter_per_s!]), ffmpegS: Number(f[col.ffmpeg_elapsed_s!]), usdPerHour: Number(f[col.ondemand_usd_per_hour!]),
    }));
  }

  /** Median $ per transcode in one category, with a 90% interval from 2,000 bootstrap resamples (seeded: same data, same answer). */
  @remote({ features: (rows: Instance[]) => ({ rows: rows.length }) })
  async categoryStats(rows: Instance[], category: string): Promise<CategoryStats> {
    const mine = rows.filter((r) => CATEGORIES[category]!.test(r.family));
    const usd = mine.map(usdPerTranscode);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const medians = Array.from({ length: 2000 }, () => median(usd.map(() => usd[Math.floor(random() * usd.length)]!))).sort((a, b) => a - b);
    const best = mine.reduce((a, b) => (usdPerTranscode(b) < usdPerTranscode(a) ? b : a));
    return {
      category, types: mine.length, medianUsd: median(usd), lowUsd: medians[100]!, highUsd: medians[1899]!,
      cheapest: { type: best.type, usd: usdPerTranscode(best), seconds: best.ffmpegS },
    };
  }

  /** Least squares of log seconds on log CoreMark, over every type. */
  @remote({ features: (rows: Instance[]) => ({ rows: rows.length }) })
  async fitSpeed(rows: Instance[]): Promise<SpeedModel> {
    const x = rows.map((r) => Math.log(r.coremark));
    const y = rows.map((r) => Math.log(r.ffmpegS));
    const mx = mean(x);
    const my = mean(y);
    const b = x.reduce((s, xi, i) => s + (xi - mx) * (y[i]! - my), 0) / x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
    const a = my - b * mx;
    const residual = y.reduce((s, yi, i) => s + (yi - a - b * x[i]!) ** 2, 0);
    const total = y.reduce((s, yi) => s + (yi - my) ** 2, 0);
    return { a, b, r2: 1 - residual / total, n: rows.length };
  }

  /** Fan-in: categories by median cost, and the cheapest types with how much faster (< 1) or slower than CoreMark predicts they are. */
  @remote()
  async rank(stats: CategoryStats[], model: SpeedModel, rows: Instance[]): Promise<Ranking> {
    const best = [...rows].sort((p, q) => usdPerTranscode(p) - usdPerTranscode(q)).slice(0, 5)
      .map((r) => ({ type: r.type, usd: usdPerTranscode(r), seconds: r.ffmpegS, vsModel: r.ffmpegS / Math.exp(model.a + model.b * Math.log(r.coremark)) }));
    return { categories: [...stats].sort((p, q) => p.medianUsd - q.medianUsd), best };
  }

  /** The workflow, with a budget for everything it starts: 8 calls, a diamond around the fan-out. */
  @costBudget({ usd: 0.02, deadlineS: 120 })
  async analyse(csv: string): Promise<Ranking> {
    return this.dag(csv);
  }

  /** The same workflow on a budget too small for it: some call is refused before it starts. */
  @costBudget({ usd: 0.008, deadlineS: 120 })
  async analyseOnAShoestring(csv: string): Promise<Ranking> {
    return this.dag(csv);
  }

  private dag(csv: string): Promise<Ranking> {
    const rows = this.parse(csv);                                           // a future...
    const asRows = rows as unknown as Instance[];                           // ...passed on as an argument: a graph edge
    const stats = Object.keys(CATEGORIES).map((c) => this.categoryStats(asRows, c)); // fan-out
    const model = this.fitSpeed(asRows);                                    // a parallel branch from the same input
    return this.rank(stats as unknown as CategoryStats[], model as unknown as SpeedModel, asRows); // fan-in: the diamond closes
  }
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
