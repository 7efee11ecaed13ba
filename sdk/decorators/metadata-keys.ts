/**
 * The one place where corral's metadata keys live. Decorators write under these
 * keys; readers (sdk/graph) read them. Nothing else touches reflect-metadata.
 *
 * @example
 * ```ts
 * import 'reflect-metadata';
 * import { REMOTE_KEY } from 'corral';
 * const meta = Reflect.getMetadata(REMOTE_KEY, Images.prototype, 'thumbnail');
 * ```
 */
export const REMOTE_KEY = 'corral:remote';
/** Metadata key of `@costBudget` options. See {@link REMOTE_KEY}. */
export const COST_BUDGET_KEY = 'corral:cost-budget';
/** Metadata key of `@federated` options. See {@link REMOTE_KEY}. */
export const FEDERATED_KEY = 'corral:federated';
/** Metadata key of a decorated method's or function's source location. */
export const SOURCE_KEY = 'corral:source';
/** Metadata key holding the undecorated implementation of a task. */
export const IMPLEMENTATION_KEY = 'corral:implementation';
