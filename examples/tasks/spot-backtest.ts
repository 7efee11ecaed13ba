// Tasks of examples/spot-forecast.ts: backtests of spot cost forecasters, one
// call per model. Workers import this module to run its tasks, so it holds
// tasks only: no top-level work.
import { costBudget, evaluateSpot, readSpotPrices, remote } from '../../sdk/index.js';
import { type ModelScore } from '../../sdk/pricing/index.js';

export class SpotBacktest {
  /**
   * How well `model` forecasts the cost of running `horizon` hours, on every window of
   * every series in `file` (a path: workers read the data where it is). Retried: on
   * spot an attempt can be preempted.
   */
  @remote({ retries: 2, features: (_file: string, horizon: number) => ({ horizon }) })
  async score(file: string, horizon: number, model: string): Promise<ModelScore> {
    const result = evaluateSpot(readSpotPrices(file), { horizon, model });
    return result.models.find((m) => m.name === model)!;
  }

  /** Every model's backtest, in parallel; a few cents at most, within two minutes. */
  @costBudget({ usd: 0.05, deadlineS: 120 })
  async compare(file: string, horizon: number, models: string[]): Promise<ModelScore[]> {
    return Promise.all(models.map((m) => this.score(file, horizon, m)));
  }
}
