import { ts } from 'ts-morph';
import {
  OptionError, validateOptions, remoteOptionsSchema, remoteOptionNames, costBudgetOptionsSchema, costBudgetOptionNames,
  federatedOptionsSchema, federatedOptionNames, type DecorationSite,
} from '../../sdk/decorators/index.js';
import type { ManifestOptions } from '../../sdk/graph/index.js';
import { isDynamic, propertyName, shorthandValue, staticValue } from './static-value.js';
import type { CorralDecorator } from './corral-decorators.js';

const TABLES = {
  remote: { schema: remoteOptionsSchema, names: remoteOptionNames },
  costBudget: { schema: costBudgetOptionsSchema, names: costBudgetOptionNames },
  workflow: { schema: costBudgetOptionsSchema, names: costBudgetOptionNames },
  federated: { schema: federatedOptionsSchema, names: federatedOptionNames },
} as const;

/** Options read at build time and the first rule they break, if any. */
export interface CheckedOptions {
  readonly options: ManifestOptions;
  readonly error?: { readonly unknown: boolean; readonly message: string; readonly node?: ts.Node };
}

/**
 * Evaluates a decorator's options argument and validates the static part with
 * the same option table (and the same messages) as run time. Keys whose value
 * is only known at run time are listed as dynamic and checked by name only.
 *
 * @example
 * ```ts
 * const { options, error } = checkOptions(checker, 'remote', call.arguments[0], site);
 * ```
 */
export function checkOptions(checker: ts.TypeChecker, decorator: CorralDecorator, arg: ts.Expression | undefined, site: DecorationSite): CheckedOptions {
  const table = TABLES[decorator];
  const known = table.names as readonly string[];
  const statics: Record<string, unknown> = {};
  const dynamic: ManifestOptions['dynamic'] = [];
  const nodes = new Map<string, ts.Node>();
  if (arg && !ts.isObjectLiteralExpression(unwrap(arg))) {
    // Options held in a const (`@remote(HEAVY)`) are still known at build time.
    const whole = staticValue(checker, arg);
    if (isDynamic(whole) || typeof whole !== 'object' || whole === null || Array.isArray(whole)) {
      return { options: { static: {}, dynamic: [{ key: '*', reason: 'expression', text: arg.getText() }] } };
    }
    Object.assign(statics, whole);
  }
  const literal = arg && ts.isObjectLiteralExpression(unwrap(arg)) ? (unwrap(arg) as ts.ObjectLiteralExpression) : undefined;
  for (const p of literal?.properties ?? []) {
    if (ts.isSpreadAssignment(p)) { dynamic.push({ key: '*', reason: 'spread', text: p.getText() }); continue; }
    const key = p.name && propertyName(p.name);
    if (!key || !(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) {
      dynamic.push({ key: key ?? p.getText(), reason: 'expression', text: p.getText() });
      continue;
    }
    nodes.set(key, p);
    const value = ts.isPropertyAssignment(p) ? staticValue(checker, p.initializer) : shorthandValue(checker, p, 0);
    if (isDynamic(value)) dynamic.push({ key, reason: value.dynamic, text: value.text });
    else statics[key] = value;
  }
  // Validate what is static; dynamic keys join only to have their names checked.
  const input: Record<string, unknown> = { ...statics };
  for (const d of dynamic) {
    if (d.key === '*') continue;
    if (!known.includes(d.key)) input[d.key] = null;
    else if (d.reason === 'function') input[d.key] = () => ({});
  }
  try {
    const validated = validateOptions(table.schema, input, site, known) as Record<string, unknown>;
    return { options: { static: jsonOnly(validated, statics), dynamic } };
  } catch (e) {
    if (!(e instanceof OptionError)) throw e;
    // A rule across fields (e.g. "at least one of") may be met by a dynamic value.
    if (!(e.field in input) && dynamic.length > 0) return { options: { static: jsonOnly(statics, statics), dynamic } };
    const unknown = e.allowed.startsWith('is not a known option');
    return { options: { static: jsonOnly(statics, statics), dynamic }, error: { unknown, message: e.message, node: nodes.get(e.field) ?? arg } };
  }
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

function jsonOnly(values: Record<string, unknown>, statics: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (k in statics && typeof v !== 'function' && v !== undefined) out[k] = v;
  return out;
}
