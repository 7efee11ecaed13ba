export { ZERO_COST, type CostVector, type CostEstimate } from './cost-vector.js';
export {
  addCosts, subtractCosts, scaleCost, weightedCost, compareCosts, dominates, formatCost, costAt, certain, type CostWeights,
} from './cost-arithmetic.js';
export { quantile, quantileSorted, quantileKey, STANDARD_LEVELS } from './quantiles.js';
export { EnergyCostModel, FreeCostModel, type CostModel, type CostUsage, type EnergyCostOptions } from './cost-model.js';
export { OnDemandCostModel, type OnDemandCostOptions } from './on-demand-cost-model.js';
export { HpcCostModel, type HpcCostOptions } from './hpc-cost-model.js';
export { SpotCostModel, type SpotCostOptions } from './spot-cost-model.js';
export { costConfigSchema, createCostModel, type CostConfig, type CostConfigSource } from './cost-config.js';
export { readPriceTable, lookupPrice, type InstancePrice } from './price-table.js';
export { PricingError, type PricingErrorCode } from './errors.js';
export {
  remainingBudget, projectSpend, checkBudget, quantileForConfidence,
  type Budget, type PlannedCall, type BudgetBreach, type BudgetCheck,
} from './budget.js';
export { readSpotPrices, parseSpotPrices, type ReadSpotOptions } from './spot/read-spot-prices.js';
export { meanPrice, HOUR_MS, type PriceSeries, type SpotData, type SpotDataFormat } from './spot/price-series.js';
export { SPOT_FORECASTERS, type SpotForecaster } from './spot/forecasters.js';
export { evaluateSpot, spotModelNames, type SpotEvaluation, type SpotEvaluationOptions, type ModelScore } from './spot/evaluate-spot.js';
export { forecastSpot, type SpotForecast } from './spot/forecast-spot.js';
export { cheapestSpot, type SpotChoice, type SpotJob } from './spot/cheapest-spot.js';
export { PreemptionModel, expectedRun, INTERRUPTION_BANDS, type RecoveryOptions, type ExpectedRun } from './spot/preemption.js';
export { AUTO_MODEL, ENSEMBLE_MODEL } from './spot/sweep.js';
export { DEFAULT_SELECTOR, selectorGrid, type SelectorSettings } from './spot/selector-settings.js';
export { recentVolatility } from './spot/volatility.js';
export type { NestedFold, NestedSplit, SeriesGrouping } from './spot/nested-spot.js';
