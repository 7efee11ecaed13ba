import { CLIENT_SITE, isDataRefJson } from '../../data/index.js';
import type { CallInput } from '../../placement/index.js';
import { allPlain } from '../call-arguments.js';
import { byteSize } from '../call-features.js';
import { refsIn } from './run-data.js';

/**
 * Where a call's inputs live, for placement: each kept result's size and the
 * site (transfer group) that holds it, and each value from the orchestrating
 * code with site `client`.
 *
 * @example
 * ```ts
 * callInputs([refJson, 3, new Float64Array(10)]);
 * // [{ bytes: 8000184, site: 'dask:tcp://127.0.0.1:8786' }, { bytes: 8, site: 'client' }, { bytes: 80, site: 'client' }]
 * ```
 */
export function callInputs(args: readonly unknown[]): CallInput[] {
  if (allPlain(args)) return plainInputs(args);
  const inputs: CallInput[] = [];
  for (const arg of args) {
    // A plain value (most arguments) travels from the client whole.
    if (arg === null || typeof arg !== 'object') {
      const bytes = byteSize(arg);
      if (bytes > 0) inputs.push({ bytes, site: CLIENT_SITE });
      continue;
    }
    const refs = refsIn([arg]);
    for (const ref of refs) inputs.push({ bytes: ref.bytes, site: ref.site });
    // What is not a reference travels from the client.
    const rest = isDataRefJson(arg) ? 0 : byteSize(arg) - refs.reduce((n, r) => n + r.bytes, 0);
    if (rest > 0) inputs.push({ bytes: rest, site: CLIENT_SITE });
  }
  return inputs;
}

/** The distinct sites of a call's inputs. */
export function dataLocations(inputs: readonly CallInput[]): string[] {
  // Asked for every call, whose inputs come from a site or two: a scan, not a Set and its copies.
  if (inputs.length === 1) return [inputs[0]!.site];
  const sites: string[] = [];
  for (const i of inputs) if (!sites.includes(i.site)) sites.push(i.site);
  return sites;
}

/** Plain values (most calls' arguments) all travel from the client: an array of just their number, not one grown by pushes. */
function plainInputs(args: readonly unknown[]): CallInput[] {
  const inputs = args.map(fromClient);
  return inputs.some(isEmpty) ? inputs.filter(isNotEmpty) : inputs;
}

function fromClient(arg: unknown): CallInput {
  return { bytes: byteSize(arg), site: CLIENT_SITE };
}

function isEmpty(input: CallInput): boolean {
  return !(input.bytes > 0);
}

function isNotEmpty(input: CallInput): boolean {
  return input.bytes > 0;
}
