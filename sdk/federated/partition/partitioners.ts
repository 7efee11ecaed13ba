import { ClientDataError } from '../errors.js';
import { dirichlet, seededRandom, shuffleInPlace } from './random.js';

/**
 * How a data set is split among clients for an experiment; every variant is
 * seeded, so the same spec gives the same split.
 *
 * @example
 * ```ts
 * const spec: PartitionSpec = { kind: 'dirichlet', alpha: 0.5, minSize: 10, seed: 1 };
 * ```
 */
export type PartitionSpec =
  | { readonly kind: 'iid'; readonly seed?: number }
  | { readonly kind: 'dirichlet'; readonly alpha: number; readonly minSize?: number; readonly seed?: number }
  | { readonly kind: 'pathological'; readonly classesPerClient: number; readonly seed?: number }
  | { readonly kind: 'shard'; readonly shardsPerClient: number; readonly seed?: number };

/**
 * Indices of the examples each of `clients` clients gets.
 *
 * @example
 * ```ts
 * const parts = partition(labels, 8, { kind: 'dirichlet', alpha: 0.5, minSize: 20, seed: 1 });
 * parts[3]; // indices of client 3's examples
 * ```
 */
export function partition(labels: ArrayLike<number>, clients: number, spec: PartitionSpec): number[][] {
  if (!Number.isInteger(clients) || clients < 1) throw new ClientDataError(`cannot partition ${labels.length} examples among ${clients} clients: need a positive whole number`);
  switch (spec.kind) {
    case 'iid': return iidPartition(labels.length, clients, spec.seed ?? 0);
    case 'dirichlet': return dirichletPartition(labels, clients, spec.alpha, spec.minSize ?? 10, spec.seed ?? 0);
    case 'pathological': return pathologicalPartition(labels, clients, spec.classesPerClient, spec.seed ?? 0);
    case 'shard': return shardPartition(labels, clients, spec.shardsPerClient, spec.seed ?? 0);
    default: throw new ClientDataError(`unknown partition kind "${(spec as { kind: string }).kind}": use iid, dirichlet, pathological or shard`);
  }
}

/** Shuffled, then cut into near-equal parts. */
export function iidPartition(n: number, clients: number, seed: number): number[][] {
  const order = shuffleInPlace(Array.from({ length: n }, (_, i) => i), seededRandom(`${seed}:iid`));
  return Array.from({ length: clients }, (_, c) => order.slice(Math.floor((c * n) / clients), Math.floor(((c + 1) * n) / clients)));
}

/**
 * Each class split among clients in Dirichlet(alpha) proportions (smaller
 * alpha, more skew); redrawn until every client holds at least `minSize`.
 */
export function dirichletPartition(labels: ArrayLike<number>, clients: number, alpha: number, minSize: number, seed: number): number[][] {
  if (!(alpha > 0)) throw new ClientDataError(`Dirichlet alpha must be > 0; got ${alpha}`);
  if (minSize * clients > labels.length) throw new ClientDataError(`cannot give ${clients} clients at least ${minSize} of ${labels.length} examples each`);
  const rng = seededRandom(`${seed}:dirichlet`);
  const byClass = indicesByClass(labels);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const parts: number[][] = Array.from({ length: clients }, () => []);
    for (const indices of byClass.values()) {
      const members = shuffleInPlace([...indices], rng);
      // As in Flower and FedLab: a client already over the fair share gets no more of this class.
      const p = dirichlet(alpha, clients, rng).map((x, c) => (parts[c]!.length < labels.length / clients ? x : 0));
      const sum = p.reduce((a, b) => a + b, 0) || 1;
      let start = 0;
      let acc = 0;
      for (let c = 0; c < clients; c++) {
        acc += p[c]! / sum;
        const end = c === clients - 1 ? members.length : Math.round(acc * members.length);
        parts[c]!.push(...members.slice(start, end));
        start = end;
      }
    }
    if (parts.every((part) => part.length >= minSize)) return parts.map((part) => part.sort((a, b) => a - b));
  }
  throw new ClientDataError(`Dirichlet(${alpha}) partition of ${labels.length} examples among ${clients} clients did not give every client ${minSize} examples in 1000 draws: lower minSize or raise alpha`);
}

/** Each client holds exactly `k` classes; each class is split evenly among its holders. */
export function pathologicalPartition(labels: ArrayLike<number>, clients: number, k: number, seed: number): number[][] {
  const byClass = indicesByClass(labels);
  const classes = shuffleInPlace([...byClass.keys()].sort((a, b) => a - b), seededRandom(`${seed}:pathological`));
  if (!(k >= 1 && k <= classes.length)) throw new ClientDataError(`classesPerClient must be in 1..${classes.length}; got ${k}`);
  const holders = new Map<number, number[]>();
  for (let c = 0; c < clients; c++) {
    for (let j = 0; j < k; j++) {
      const cls = classes[(c * k + j) % classes.length]!;
      const of = holders.get(cls);
      if (of) of.push(c);
      else holders.set(cls, [c]);
    }
  }
  const parts: number[][] = Array.from({ length: clients }, () => []);
  for (const [cls, who] of holders) {
    const members = byClass.get(cls)!;
    who.forEach((c, i) => parts[c]!.push(...members.slice(Math.floor((i * members.length) / who.length), Math.floor(((i + 1) * members.length) / who.length))));
  }
  return parts.map((part) => part.sort((a, b) => a - b));
}

/** Sorted by label, cut into `clients × shardsPerClient` shards, shards dealt at random (McMahan et al.). */
export function shardPartition(labels: ArrayLike<number>, clients: number, shardsPerClient: number, seed: number): number[][] {
  const shards = clients * shardsPerClient;
  if (!(shardsPerClient >= 1) || shards > labels.length) throw new ClientDataError(`cannot cut ${labels.length} examples into ${clients} x ${shardsPerClient} shards`);
  const sorted = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => labels[a]! - labels[b]! || a - b);
  const order = shuffleInPlace(Array.from({ length: shards }, (_, i) => i), seededRandom(`${seed}:shard`));
  const parts: number[][] = Array.from({ length: clients }, () => []);
  order.forEach((s, i) => parts[Math.floor(i / shardsPerClient)]!.push(...sorted.slice(Math.floor((s * sorted.length) / shards), Math.floor(((s + 1) * sorted.length) / shards))));
  return parts.map((part) => part.sort((a, b) => a - b));
}

function indicesByClass(labels: ArrayLike<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    let list = out.get(y);
    if (!list) out.set(y, (list = []));
    list.push(i);
  }
  return out;
}
