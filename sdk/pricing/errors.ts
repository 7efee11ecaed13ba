import { CorralError } from '../errors/index.js';
/**
 * A pricing input is wrong: a price file, a cost configuration, a forecast
 * request. The message names the file and line, the field, the bad value and
 * what is allowed.
 *
 * @example
 * ```ts
 * try { readSpotPrices('prices.csv'); } catch (e) {
 *   if (e instanceof PricingError) console.error(e.code, e.message);
 * }
 * ```
 */
export class PricingError extends CorralError {
  override name = 'PricingError';
  constructor(readonly code: PricingErrorCode, message: string) {
    super(message);
  }
}

/** Stable codes of {@link PricingError}. */
export type PricingErrorCode =
  | 'CORRAL_SPOT_DATA'
  | 'CORRAL_SPOT_SERIES'
  | 'CORRAL_SPOT_HORIZON'
  | 'CORRAL_COST_CONFIG'
  | 'CORRAL_PRICE_UNKNOWN'
  | 'CORRAL_BUDGET';
