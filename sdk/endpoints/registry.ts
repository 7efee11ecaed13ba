import type { z } from 'zod';
import type { Endpoint } from './endpoint.js';

/** Fields every endpoint entry of endpoints.yaml has, whatever its kind. */
export interface CommonEndpointConfig {
  readonly name: string;
  readonly kind: string;
  readonly workers?: number;
  readonly transferGroup?: string;
  readonly cost?: Readonly<Record<string, unknown>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * An endpoint kind that endpoints.yaml can name: its own option table (zod,
 * for the fields beyond the common ones) and how to create it.
 *
 * @example
 * ```ts
 * registerEndpointKind({
 *   kind: 'dask',
 *   schema: z.strictObject({ address: z.string() }),
 *   create: (common, options) => new DaskEndpoint({ ...common, ...options }),
 * });
 * ```
 */
export interface EndpointKind<S extends z.ZodType = z.ZodType> {
  readonly kind: string;
  /** Validates the kind's own fields (the common fields are removed first). */
  readonly schema: S;
  /** A `cost:` shorthand of this kind (a block without `model:`), validated instead of pricing's cost schema. */
  readonly costShorthand?: z.ZodType;
  create(common: CommonEndpointConfig, options: z.output<S>): Endpoint;
}

const kinds = new Map<string, EndpointKind>();

/** Makes an endpoint kind available to endpoints.yaml and `Corral.open`. */
export function registerEndpointKind<S extends z.ZodType>(kind: EndpointKind<S>): void {
  kinds.set(kind.kind, kind as unknown as EndpointKind);
}

/** The registered kind of that name, or undefined. */
export function endpointKind(name: string): EndpointKind | undefined {
  return kinds.get(name);
}

/** Names of all registered endpoint kinds. */
export function endpointKindNames(): string[] {
  return [...kinds.keys()].sort();
}
