/** Settings of `auto`, the per-series forecaster selector. */
export interface SelectorSettings {
  /** A model must beat naive's past error by this share to replace it: small edges are mostly noise. */
  readonly margin: number;
  /** Weight of all series pooled in a series' score, in independent windows. */
  readonly poolWeight: number;
  /**
   * Past APEs are clipped at this share when models are scored (0.1 when not
   * given), so one spike does not decide. corral clips at 4%, the error the
   * targets count windows under: a model is then preferred for being under 4%
   * more often, which is what carries over to unseen series.
   */
  readonly clip?: number;
}

/**
 * Settings for a sweep that is given fixed ones (by default a sweep chooses
 * from {@link selectorGrid} as history replays, see `SelectorTuner`), and the
 * pool weight and clip of the error ledger.
 *
 * @example
 * ```ts
 * sweepSpot(data, SPOT_FORECASTERS, grid, undefined, { selector: DEFAULT_SELECTOR });
 * ```
 */
export const DEFAULT_SELECTOR: SelectorSettings = Object.freeze({ margin: 0.03, poolWeight: 10, clip: 0.04 });

/**
 * The grid the selector's settings are chosen from as history replays. Every
 * margin is at least 3%: picking the best past record without one switches
 * on noise (the winner of many noisy records looks better than it is), and
 * that does not carry over to unseen series. Margin 1 never leaves naive: the
 * last setting, used until another has proved itself against naive.
 *
 * @example
 * ```ts
 * selectorGrid().length; // 7
 * ```
 */
export function selectorGrid(): SelectorSettings[] {
  const grid = [0.03, 0.1].flatMap((margin) => [3, 10, 30].map((poolWeight) => ({ margin, poolWeight, clip: DEFAULT_SELECTOR.clip })));
  return [...grid, { ...DEFAULT_SELECTOR, margin: 1 }];
}
