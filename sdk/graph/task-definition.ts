import 'reflect-metadata';
import {
  COST_BUDGET_KEY, FEDERATED_KEY, IMPLEMENTATION_KEY, REMOTE_KEY, SOURCE_KEY, ownTaskMetadata,
  type FederatedOptions, type ResolvedCostBudget, type ResolvedRemoteOptions, type SourceLocation, type TaskTarget,
} from '../decorators/index.js';

/**
 * Everything corral knows about one decorated method or function, read from
 * the metadata its decorators wrote.
 *
 * @example
 * ```ts
 * const def = definitionOfMethod(Images, 'thumbnail');
 * console.log(def?.id, def?.remote?.retries, def?.source?.file);
 * ```
 */
export interface TaskDefinition {
  /** Stable task name: the `name` option, else `Class.method` or the function's name. */
  readonly id: string;
  readonly kind: 'method' | 'static' | 'function';
  readonly className?: string;
  readonly member: string;
  /** Module file and line where the decorator was applied. */
  readonly source?: SourceLocation;
  readonly remote?: ResolvedRemoteOptions;
  readonly budget?: ResolvedCostBudget;
  readonly federated?: FederatedOptions;
  /** The undecorated implementation (what a worker runs). */
  readonly implementation: (...args: any[]) => any;
}

const cache = new WeakMap<object, Map<string, TaskDefinition | null>>();

/**
 * A decorated call reached corral without the metadata its decorator writes
 * (its class was changed after decoration, or the function was wrapped by hand).
 *
 * @example
 * ```ts
 * try { definitionOfTarget(target); } catch (e) { if (e instanceof TaskMetadataError) console.error(e.member); }
 * ```
 */
export class TaskMetadataError extends Error {
  override name = 'TaskMetadataError';
  readonly code = 'CORRAL_TASK_METADATA';
  constructor(readonly member: string, readonly kind: TaskDefinition['kind']) {
    super(`corral: ${kind === 'function' ? `function ${member}` : member} carries no corral metadata: decorate it with @remote or @federated, or wrap it with remote(options, fn)`);
  }
}

/** The definition behind a trampoline call target (hot path: cached). */
export function definitionOfTarget(target: TaskTarget): TaskDefinition {
  // A remote(options, fn) wrapper holds its metadata itself, not under a member name.
  const member = target.kind === 'function' ? undefined : target.member;
  const found = cached(target.owner, member ?? '', () => read(target.owner, member, target.kind));
  if (!found) throw new TaskMetadataError(target.member, target.kind);
  return found;
}

/**
 * The definition of a decorated method of a class (instance or static), or
 * undefined when the method carries no corral decorator.
 */
export function definitionOfMethod(cls: abstract new (...args: any[]) => unknown, member: string): TaskDefinition | undefined {
  const proto = cls.prototype as object;
  const onProto = cached(proto, member, () => read(proto, member, 'method'));
  if (onProto) return onProto;
  return cached(cls, member, () => read(cls, member, 'static')) ?? undefined;
}

/** The definition of a function wrapped by `remote(options, fn)`, or undefined. */
export function definitionOfFunction(fn: unknown): TaskDefinition | undefined {
  if (typeof fn !== 'function') return undefined;
  return cached(fn, '', () => read(fn, undefined, 'function')) ?? undefined;
}

/** Every decorated method of a class, instance and static. */
export function definitionsOfClass(cls: abstract new (...args: any[]) => unknown): TaskDefinition[] {
  const out: TaskDefinition[] = [];
  for (const owner of [cls.prototype as object, cls as object]) {
    for (const member of Object.getOwnPropertyNames(owner)) {
      const def = cached(owner, member, () => read(owner, member, owner === cls ? 'static' : 'method'));
      if (def) out.push(def);
    }
  }
  return out;
}

/**
 * The `@costBudget` of a method, with its scope resolved: `call` on a task,
 * `workflow` on an orchestrating method, unless given.
 */
export function budgetOfMethod(cls: abstract new (...args: any[]) => unknown, member: string): ResolvedCostBudget | undefined {
  const onProto = Reflect.hasMetadata(COST_BUDGET_KEY, cls.prototype, member) || ownTaskMetadata(COST_BUDGET_KEY, cls.prototype, member) !== undefined;
  const owner = onProto ? cls.prototype : cls;
  return readBudget(owner, member);
}

function cached(owner: object, member: string, load: () => TaskDefinition | null): TaskDefinition | null {
  let byMember = cache.get(owner);
  if (!byMember) cache.set(owner, (byMember = new Map()));
  let def = byMember.get(member);
  if (def === undefined) byMember.set(member, (def = load()));
  return def;
}

function read(owner: object, member: string | undefined, kind: TaskDefinition['kind']): TaskDefinition | null {
  const get = (key: string) => ownTaskMetadata(key, owner, member);
  const remote = get(REMOTE_KEY) as ResolvedRemoteOptions | undefined;
  const federated = get(FEDERATED_KEY) as FederatedOptions | undefined;
  const implementation = get(IMPLEMENTATION_KEY) as ((...a: any[]) => any) | undefined;
  if (!implementation || (!remote && !federated)) return null;
  const className = kind === 'function' ? undefined : kind === 'static' ? (owner as { name: string }).name : owner.constructor.name;
  const name = member ?? (owner as { name: string }).name;
  return {
    id: remote?.name ?? (className ? `${className}.${name}` : name),
    kind, className, member: name,
    source: get(SOURCE_KEY) as SourceLocation | undefined,
    remote, federated, implementation,
    budget: member === undefined ? undefined : readBudget(owner, member, Boolean(remote)),
  };
}

function readBudget(owner: object, member: string, isTask?: boolean): ResolvedCostBudget | undefined {
  const raw = ownTaskMetadata(COST_BUDGET_KEY, owner, member) as Partial<ResolvedCostBudget> | undefined;
  if (!raw) return undefined;
  const task = isTask ?? ownTaskMetadata(REMOTE_KEY, owner, member) !== undefined;
  return { ...raw, scope: raw.scope ?? (task ? 'call' : 'workflow'), onExceed: raw.onExceed ?? 'fail', confidence: raw.confidence ?? 0.9 };
}
