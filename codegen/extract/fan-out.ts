import { ts } from 'ts-morph';

const ITERATING = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'reduce']);

/** How often a call runs per run of its orchestrator. */
export interface Multiplicity {
  readonly multiplicity: 1 | 'dynamic';
  /** The expression(s) that size the fan-out, outermost first. */
  readonly sizedBy?: string;
}

/**
 * Whether a call sits inside a loop or an array callback between itself and
 * `owner`, and the expression that sizes the repetition.
 *
 * @example
 * ```ts
 * fanOutOf(call, method); // { multiplicity: 'dynamic', sizedBy: 'imgs.length' } inside imgs.map(...)
 * ```
 */
export function fanOutOf(node: ts.Node, owner: ts.Node): Multiplicity {
  const sizes: string[] = [];
  let child = node;
  for (let p = node.parent; p && p !== owner; child = p, p = p.parent) {
    const size = sizeOf(p, child);
    if (size) sizes.unshift(size);
  }
  return sizes.length === 0 ? { multiplicity: 1 } : { multiplicity: 'dynamic', sizedBy: sizes.join(' * ') };
}

function sizeOf(p: ts.Node, child: ts.Node): string | undefined {
  if (ts.isForOfStatement(p) || ts.isForInStatement(p)) return p.statement === child ? `${p.expression.getText()}${ts.isForInStatement(p) ? ' (keys)' : '.length'}` : undefined;
  if (ts.isForStatement(p)) return p.statement === child || p.incrementor === child ? (p.condition?.getText() ?? 'unbounded') : undefined;
  if (ts.isWhileStatement(p) || ts.isDoStatement(p)) return p.statement === child ? `while ${p.expression.getText()}` : undefined;
  if ((ts.isArrowFunction(child) || ts.isFunctionExpression(child)) && ts.isCallExpression(p) && p.arguments.includes(child)) {
    const callee = p.expression;
    if (ts.isPropertyAccessExpression(callee) && ITERATING.has(callee.name.text)) return `${callee.expression.getText()}.length`;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'from' && callee.expression.getText() === 'Array' && p.arguments[0] !== child) {
      const source = p.arguments[0]!;
      const length = ts.isObjectLiteralExpression(source) ? source.properties.find((q) => q.name?.getText() === 'length') : undefined;
      return length && ts.isPropertyAssignment(length) ? length.initializer.getText() : `${source.getText()}.length`;
    }
  }
  return undefined;
}
