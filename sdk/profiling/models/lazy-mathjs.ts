import { createRequire } from 'node:module';
import type * as MathJs from 'mathjs';

const require = createRequire(import.meta.url);
let loaded: typeof MathJs | undefined;

/**
 * mathjs, loaded on first use: it takes seconds to load, and every worker that
 * imports corral to run a task would pay for it without ever fitting a model.
 */
export function mathjs(): typeof MathJs {
  return (loaded ??= require('mathjs') as typeof MathJs);
}
