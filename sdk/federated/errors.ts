import { CorralError } from '../errors/index.js';
/**
 * Base of every federated-learning error: a stable `code` plus the round,
 * client and endpoint it concerns when known.
 *
 * @example
 * ```ts
 * try { await runFederated(job); } catch (e) { if (e instanceof FederatedError) console.error(e.code, e.round); }
 * ```
 */
export class FederatedError extends CorralError {
  override name = 'FederatedError';
  constructor(readonly code: string, message: string, readonly where: { round?: number; client?: string; endpoint?: string } = {}) {
    super(message);
  }
}

/**
 * A client's weights do not have the shape of the global model.
 *
 * @example
 * ```ts
 * if (e instanceof WeightShapeError) console.error(e.expected, e.received);
 * ```
 */
export class WeightShapeError extends FederatedError {
  override name = 'WeightShapeError';
  constructor(message: string, readonly expected: string, readonly received: string, where: FederatedError['where'] = {}) {
    super('CORRAL_FL_WEIGHT_SHAPE', message, where);
  }
}

/**
 * A client's weights hold NaN or an infinity.
 *
 * @example
 * ```ts
 * if (e instanceof NonFiniteWeightsError) console.error(e.index);
 * ```
 */
export class NonFiniteWeightsError extends FederatedError {
  override name = 'NonFiniteWeightsError';
  constructor(message: string, readonly index: number, where: FederatedError['where'] = {}) {
    super('CORRAL_FL_NON_FINITE_WEIGHTS', message, where);
  }
}

/**
 * Fewer clients than `minClients` were available or returned usable weights.
 *
 * @example
 * ```ts
 * if (e instanceof TooFewClientsError) console.error(e.round, e.usable, e.required);
 * ```
 */
export class TooFewClientsError extends FederatedError {
  override name = 'TooFewClientsError';
  constructor(message: string, readonly usable: number, readonly required: number, where: FederatedError['where'] = {}) {
    super('CORRAL_FL_TOO_FEW_CLIENTS', message, where);
  }
}

/**
 * A client's data spec is missing, malformed, or names data the endpoint does not have.
 *
 * @example
 * ```ts
 * throw new ClientDataError('endpoint edge-3 has no data spec', { endpoint: 'edge-3' });
 * ```
 */
export class ClientDataError extends FederatedError {
  override name = 'ClientDataError';
  constructor(message: string, where: FederatedError['where'] = {}) {
    super('CORRAL_FL_CLIENT_DATA', message, where);
  }
}

/**
 * A federated job's configuration is invalid (strategy, rounds, clients, checkpoint).
 *
 * @example
 * ```ts
 * throw new FederatedConfigError('unknown strategy "fedx"');
 * ```
 */
export class FederatedConfigError extends FederatedError {
  override name = 'FederatedConfigError';
  constructor(message: string, where: FederatedError['where'] = {}) {
    super('CORRAL_FL_CONFIG', message, where);
  }
}

/**
 * A federated run stopped before its last round (its signal was aborted);
 * finished rounds stay checkpointed, so the same `runId` resumes it.
 *
 * @example
 * ```ts
 * try { await corral.federate(Digits, 'train', { ...inputs, signal }); } catch (e) { if (e instanceof FederatedStoppedError) console.log(e.round, e.rounds); }
 * ```
 */
export class FederatedStoppedError extends FederatedError {
  override name = 'FederatedStoppedError';
  constructor(message: string, readonly round: number, readonly rounds: number) {
    super('CORRAL_FL_STOPPED', message, { round });
  }
}
