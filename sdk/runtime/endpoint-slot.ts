import type { CostModel } from '../pricing/index.js';
import type { Endpoint, EndpointDescription } from '../endpoints/index.js';

/** Attempts that may wait on an endpoint beyond its workers. */
const PREFETCH = 32;

/**
 * The runtime's view of one endpoint: its description, cost model, how many
 * attempts corral has in flight there, and the calls placed on it that wait
 * for room. At most `workers` attempts run at once (the endpoint's own pool
 * enforces it); a bounded window more wait on the endpoint itself, so that a
 * freed worker never waits for a round trip to the runtime; the rest wait
 * here, where they can still be re-placed. Calls under a money or energy
 * budget do not use the window: they start only on a free worker, so the
 * budget is checked again at the moment they really start.
 */
export class EndpointSlot<C extends { readonly owner?: { readonly holdsBudget: boolean } }> {
  readonly description: EndpointDescription;
  readonly capacity: number;
  inFlight = 0;
  online = true;
  /** Why the endpoint said it is offline (e.g. an authentication refusal), when it said. */
  offlineReason?: string;
  readonly waiting: C[] = [];

  constructor(readonly endpoint: Endpoint, readonly costModel: CostModel) {
    this.description = endpoint.describe();
    const workers = Math.max(1, this.description.workers);
    this.capacity = workers + Math.max(2 * workers, PREFETCH);
  }

  get name(): string { return this.endpoint.name; }

  /** Records the endpoint's liveness; calls waiting on an endpoint that went offline are placed again. */
  setOnline(online: boolean, replace: (call: C) => void, reason?: string): void {
    const wentOffline = this.online && !online;
    this.online = online;
    this.offlineReason = online ? undefined : reason;
    if (wentOffline) for (const call of this.waiting.splice(0)) replace(call);
  }
  get load(): number { return this.inFlight + this.waiting.length; }
  get hasRoom(): boolean { return this.inFlight < this.capacity; }

  /** Whether this call may start now. */
  roomFor(call: C): boolean {
    return call.owner?.holdsBudget ? this.inFlight < Math.max(1, this.description.workers) : this.inFlight < this.capacity;
  }
}
