import { ts } from 'ts-morph';

/** A value not known at build time, and why. */
export interface Dynamic {
  readonly dynamic: 'function' | 'expression';
  readonly text: string;
}

/** Marks a value only known at run time. */
export function isDynamic(v: unknown): v is Dynamic {
  return typeof v === 'object' && v !== null && 'dynamic' in v && Object.keys(v).length === 2 && 'text' in v;
}

/**
 * Evaluates an expression at build time when it is made of literals (numbers,
 * strings, booleans, null, arrays, objects, `as const`, negation, and `const`
 * bindings to such); anything else comes back as {@link Dynamic}.
 *
 * @example
 * ```ts
 * staticValue(checker, parse('{ cpus: 2, endpoints: ["hpc"] }')); // { cpus: 2, endpoints: ['hpc'] }
 * ```
 */
export function staticValue(checker: ts.TypeChecker, node: ts.Expression, depth = 0): unknown {
  const dynamic = (kind: Dynamic['dynamic'] = 'expression'): Dynamic => ({ dynamic: kind, text: node.getText() });
  if (depth > 8) return dynamic();
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  switch (node.kind) {
    case ts.SyntaxKind.TrueKeyword: return true;
    case ts.SyntaxKind.FalseKeyword: return false;
    case ts.SyntaxKind.NullKeyword: return null;
  }
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)) {
    return staticValue(checker, node.expression, depth + 1);
  }
  if (ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken)) {
    const v = staticValue(checker, node.operand, depth + 1);
    return typeof v === 'number' ? (node.operator === ts.SyntaxKind.MinusToken ? -v : v) : dynamic();
  }
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return dynamic('function');
  if (ts.isArrayLiteralExpression(node)) {
    const out: unknown[] = [];
    for (const e of node.elements) {
      const v = staticValue(checker, ts.isSpreadElement(e) ? e.expression : e, depth + 1);
      if (isDynamic(v) || (ts.isSpreadElement(e) && !Array.isArray(v))) return dynamic(isDynamic(v) ? v.dynamic : 'expression');
      if (ts.isSpreadElement(e)) out.push(...(v as unknown[]));
      else out.push(v);
    }
    return out;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.properties) {
      const key = p.name && propertyName(p.name);
      if (!key || !(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) return dynamic();
      const v = ts.isPropertyAssignment(p) ? staticValue(checker, p.initializer, depth + 1) : shorthandValue(checker, p, depth);
      if (isDynamic(v)) return dynamic(v.dynamic);
      out[key] = v;
    }
    return out;
  }
  if (ts.isIdentifier(node)) {
    if (node.text === 'undefined') return undefined;
    if (node.text === 'Infinity') return Infinity;
    return constValue(checker, node, depth) ?? dynamic();
  }
  return dynamic();
}

/** The value of a shorthand property `{ retries }`. */
export function shorthandValue(checker: ts.TypeChecker, p: ts.ShorthandPropertyAssignment, depth: number): unknown {
  const symbol = checker.getShorthandAssignmentValueSymbol(p);
  return initializerOf(checker, symbol, depth) ?? { dynamic: 'expression', text: p.name.text };
}

/** The text of a property name when it is static. */
export function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

function constValue(checker: ts.TypeChecker, node: ts.Identifier, depth: number): unknown {
  let symbol = checker.getSymbolAtLocation(node);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return initializerOf(checker, symbol, depth);
}

function initializerOf(checker: ts.TypeChecker, symbol: ts.Symbol | undefined, depth: number): unknown {
  const decl = symbol?.valueDeclaration;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  if (!(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)) return undefined;
  const v = staticValue(checker, decl.initializer, depth + 1);
  return isDynamic(v) ? undefined : v;
}
