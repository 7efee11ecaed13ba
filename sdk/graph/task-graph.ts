import { CorralError } from '../errors/index.js';
/**
 * A directed graph of tasks: the one model codegen (static graph), placement
 * (whole-DAG planning), simulation and the runtime's journal share.
 *
 * @example
 * ```ts
 * const g = new TaskGraph<{ seconds: number }, { bytes: number }>();
 * g.addNode('a', { seconds: 1 }); g.addNode('b', { seconds: 2 });
 * g.addEdge('a', 'b', { bytes: 1024 });
 * g.topologicalOrder(); // ['a', 'b']
 * ```
 */
export class TaskGraph<N = unknown, E = unknown> {
  private readonly nodes = new Map<string, N>();
  private readonly out = new Map<string, Map<string, E>>();
  private readonly in = new Map<string, Map<string, E>>();

  addNode(id: string, data: N): this {
    if (!this.nodes.has(id)) {
      this.out.set(id, new Map());
      this.in.set(id, new Map());
    }
    this.nodes.set(id, data);
    return this;
  }

  addEdge(from: string, to: string, data: E): this {
    for (const id of [from, to]) if (!this.nodes.has(id)) throw new Error(`TaskGraph: unknown node "${id}" in edge ${from} -> ${to}`);
    this.out.get(from)!.set(to, data);
    this.in.get(to)!.set(from, data);
    return this;
  }

  has(id: string): boolean { return this.nodes.has(id); }
  node(id: string): N {
    if (!this.nodes.has(id)) throw new Error(`TaskGraph: unknown node "${id}"`);
    return this.nodes.get(id)!;
  }
  get size(): number { return this.nodes.size; }
  get edgeCount(): number { let n = 0; for (const m of this.out.values()) n += m.size; return n; }
  ids(): string[] { return [...this.nodes.keys()]; }
  successors(id: string): ReadonlyMap<string, E> { return this.out.get(id) ?? new Map(); }
  predecessors(id: string): ReadonlyMap<string, E> { return this.in.get(id) ?? new Map(); }
  edges(): Array<{ from: string; to: string; data: E }> {
    const all: Array<{ from: string; to: string; data: E }> = [];
    for (const [from, m] of this.out) for (const [to, data] of m) all.push({ from, to, data });
    return all;
  }
  sources(): string[] { return this.ids().filter((id) => this.in.get(id)!.size === 0); }
  sinks(): string[] { return this.ids().filter((id) => this.out.get(id)!.size === 0); }

  /** Kahn's order; throws CycleError naming one cycle when the graph has one. */
  topologicalOrder(): string[] {
    const indegree = new Map<string, number>();
    for (const [id, preds] of this.in) indegree.set(id, preds.size);
    const queue = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
    const order: string[] = [];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      order.push(id);
      for (const next of this.out.get(id)!.keys()) {
        const d = indegree.get(next)! - 1;
        indegree.set(next, d);
        if (d === 0) queue.push(next);
      }
    }
    if (order.length !== this.nodes.size) throw new CycleError(this.findCycle()!);
    return order;
  }

  /** One cycle as a list of node ids (first repeated at the end), or undefined. */
  findCycle(): string[] | undefined {
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (id: string): string[] | undefined => {
      state.set(id, 1);
      stack.push(id);
      for (const next of this.out.get(id)!.keys()) {
        if (state.get(next) === 1) return [...stack.slice(stack.indexOf(next)), next];
        if (!state.has(next)) { const c = visit(next); if (c) return c; }
      }
      stack.pop();
      state.set(id, 2);
      return undefined;
    };
    for (const id of this.nodes.keys()) if (!state.has(id)) { const c = visit(id); if (c) return c; }
    return undefined;
  }
}

/** The graph has a cycle; `cycle` lists it, first node repeated at the end. */
export class CycleError extends CorralError {
  override name = 'CycleError';
  readonly code = 'CORRAL_CYCLE';
  constructor(readonly cycle: string[]) {
    super(`task graph has a cycle: ${cycle.join(' -> ')}`);
  }
}
