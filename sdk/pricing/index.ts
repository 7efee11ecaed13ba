export { ZERO_COST, type CostVector, type CostEstimate } from './cost-vector.js';
export { EnergyCostModel, type CostModel } from './cost-model.js';
