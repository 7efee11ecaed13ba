import { z } from 'zod';
import type { BridgeMessage } from './protocol.js';

// Only what corral dereferences is checked; other fields pass through as the bridge sent them.
const errorBody = z.looseObject({ code: z.string(), message: z.string(), name: z.string().nullish(), hint: z.string().nullish() });

const schemas: Readonly<Record<string, z.ZodType>> = {
  hello: z.looseObject({
    type: z.literal('hello'), protocol: z.number(), python: z.string().regex(/^\d+\.\d+/, { error: 'must be a Python version such as "3.11.2"' }), executable: z.string(),
    engines: z.record(z.string(), z.looseObject({ available: z.boolean() })),
  }),
  heartbeat: z.looseObject({ type: z.literal('heartbeat') }),
  reply: z.discriminatedUnion('ok', [
    z.looseObject({ type: z.literal('reply'), id: z.number(), ok: z.literal(true), data: z.record(z.string(), z.unknown()) }),
    z.looseObject({ type: z.literal('reply'), id: z.number().nullable(), ok: z.literal(false), error: errorBody }),
  ]),
  result: z.looseObject({
    type: z.literal('result'), endpoint: z.string(), task: z.string(), error: errorBody.optional(),
    run: z.looseObject({ kind: z.string(), response: z.string().nullish(), stderr: z.string().nullish(), message: z.string().nullish(), host: z.string().nullish() }).optional(),
  }).refine((r) => r.error !== undefined || r.run !== undefined, { error: 'must carry "run" or "error"' }),
};

/** A line that is not a well-formed message: why, and the failure to report in its place when it can be attributed. */
export interface BridgeLineProblem {
  readonly problem: string;
  /** A failed reply or result standing in for a malformed one that names its request id or task. */
  readonly instead?: BridgeMessage;
}

/**
 * Decodes one line the bridge wrote: a well-formed protocol message, or why
 * it is not one (not JSON, unknown type, a field missing or of the wrong
 * type). Never throws: a damaged line must not take corral down, and a
 * malformed reply or result still settles its request or task, as a failure.
 *
 * @example
 * ```ts
 * const decoded = decodeBridgeMessage(line);
 * if ('problem' in decoded) log(`ignored bridge line: ${decoded.problem}`);
 * ```
 */
export function decodeBridgeMessage(line: string): { message: BridgeMessage } | BridgeLineProblem {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: 'not JSON' };
  }
  const fields = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const schema = typeof fields.type === 'string' && Object.hasOwn(schemas, fields.type) ? schemas[fields.type] : undefined;
  if (!schema) return { problem: `field "type" is ${JSON.stringify(fields.type) ?? 'missing'}, expected one of ${Object.keys(schemas).join(', ')}` };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { message: parsed.data as BridgeMessage };
  const issue = parsed.error.issues[0]!;
  const problem = `${fields.type} message: field "${issue.path.map(String).join('.') || '(message)'}" ${issue.message}`;
  const error = { code: 'BAD_MESSAGE', name: 'BridgeProtocolError', message: `the bridge sent a malformed ${problem}` };
  if (fields.type === 'reply' && typeof fields.id === 'number') return { problem, instead: { type: 'reply', id: fields.id, ok: false, error } };
  if (fields.type === 'result' && typeof fields.endpoint === 'string' && typeof fields.task === 'string') {
    return { problem, instead: { type: 'result', endpoint: fields.endpoint, task: fields.task, error: { ...error, failure: 'crash' } } };
  }
  return { problem };
}
