import { ts } from 'ts-morph';

/** How a future travelled to where it is used. */
export type Flow = 'direct' | 'variable' | 'promise-all' | 'map' | 'loop';

/** Producers of the futures a value may hold, each with how it got there. */
export type Sources<S> = Map<S, Flow>;

const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);
const MAPPING = new Set(['map', 'flatMap']);

/**
 * Tracks which task futures each variable may hold inside orchestrating code,
 * so that a future passed to another task (directly, through variables,
 * `Promise.all`, `.map` callbacks or loops) becomes a data edge.
 * Keyed by symbol, not by name: shadowed names do not mix.
 *
 * @example
 * ```ts
 * const flow = new DataFlow(checker, (call) => siteOf(call));
 * flow.bind(decl.name, flow.sourcesOf(decl.initializer));
 * ```
 */
export class DataFlow<S> {
  private readonly env = new Map<ts.Symbol, Sources<S>>();
  private readonly names = new Set<string>();

  constructor(private readonly checker: ts.TypeChecker, private readonly siteAt: (call: ts.CallExpression) => S | undefined) {}

  /** Adds futures to every name a binding declares. */
  bind(name: ts.BindingName | ts.Expression, sources: Sources<S>, as?: Flow): void {
    if (sources.size === 0) return;
    if (ts.isIdentifier(name)) {
      const symbol = this.checker.getSymbolAtLocation(name);
      if (!symbol) return;
      let held = this.env.get(symbol);
      if (!held) this.env.set(symbol, (held = new Map()));
      for (const [s, f] of sources) held.set(s, as ?? f);
      this.names.add(name.text);
      return;
    }
    if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
      for (const el of name.elements) if (ts.isBindingElement(el)) this.bind(el.name, sources, as);
    }
  }

  /** The futures an expression may evaluate to (or contain). */
  sourcesOf(e: ts.Expression | undefined): Sources<S> {
    const out: Sources<S> = new Map();
    if (e) this.collect(e, out, 0);
    return out;
  }

  private collect(e: ts.Node, out: Sources<S>, depth: number, as?: (f: Flow) => Flow): void {
    if (depth > 32) return;
    const add = (from: Sources<S>, map: (f: Flow) => Flow = (f) => f) => { for (const [s, f] of from) out.set(s, as ? as(map(f)) : map(f)); };
    const sub = (n: ts.Node, map?: (f: Flow) => Flow) => { const inner: Sources<S> = new Map(); this.collect(n, inner, depth + 1); add(inner, map); };
    if (ts.isIdentifier(e)) {
      if (!this.names.has(e.text)) return;
      const symbol = this.checker.getSymbolAtLocation(e);
      const held = symbol && this.env.get(symbol);
      if (held) add(held, (f) => (f === 'direct' ? 'variable' : f));
      return;
    }
    if (ts.isCallExpression(e)) {
      const site = this.siteAt(e);
      if (site !== undefined) { out.set(site, as ? as('direct') : 'direct'); return; }
      const callee = e.expression;
      if (ts.isPropertyAccessExpression(callee)) {
        if (callee.expression.getText() === 'Promise' && PROMISE_COMBINATORS.has(callee.name.text)) {
          for (const a of e.arguments) sub(a, (f) => (f === 'direct' || f === 'variable' ? 'promise-all' : f));
          return;
        }
        const cb = e.arguments[0];
        if (MAPPING.has(callee.name.text) && cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) {
          for (const r of returnedExpressions(cb)) sub(r, (f) => (f === 'direct' || f === 'variable' ? 'map' : f));
          return;
        }
        sub(callee.expression);
      }
      return;
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isClassLike(e)) return;
    if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p)) sub(p.initializer);
        else if (ts.isShorthandPropertyAssignment(p)) sub(p.name);
        else if (ts.isSpreadAssignment(p)) sub(p.expression);
      }
      return;
    }
    if (ts.isPropertyAccessExpression(e)) { sub(e.expression); return; }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind !== ts.SyntaxKind.CommaToken && !isComparison(e.operatorToken.kind)) {
      sub(e.left); sub(e.right); return;
    }
    if (ts.isBinaryExpression(e)) return;
    ts.forEachChild(e, (c) => sub(c));
  }
}

function isComparison(k: ts.SyntaxKind): boolean {
  return k >= ts.SyntaxKind.LessThanToken && k <= ts.SyntaxKind.ExclamationEqualsEqualsToken;
}

/** Expressions a function returns (its expression body, or its return statements). */
export function returnedExpressions(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression[] {
  if (!ts.isBlock(fn.body)) return [fn.body];
  const found: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) found.push(n.expression);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return found;
}
