export { RunningMeanPredictor, type Predictor, type Prediction, type ObservedRun } from './predictor.js';
