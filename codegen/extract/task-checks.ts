import { ts } from 'ts-morph';
import { DiagnosticCode } from '../diagnostics/diagnostic.js';
import { unwrapPromise } from './find-tasks.js';
import type { DiagnosticsSink } from './diagnostics-sink.js';
import type { FoundTask } from './model.js';

/**
 * Checks what a task's body and signature imply for running elsewhere: no
 * instance state (each call runs on a fresh instance), and parameters and
 * results that can cross a process boundary.
 *
 * @example
 * ```ts
 * for (const task of tasks) checkTask(checker, task, sink);
 * ```
 */
export function checkTask(checker: ts.TypeChecker, task: FoundTask, sink: DiagnosticsSink): void {
  const fn = task.body;
  if (!fn) return;
  if (task.kind === 'method' && ts.isMethodDeclaration(fn) && fn.body) checkInstanceState(checker, task, fn, sink);
  for (const p of fn.parameters) {
    const bad = uncrossable(checker, checker.getTypeAtLocation(p), 0, new Set());
    if (bad) sink.add(DiagnosticCode.Uncrossable, 'error', p, `parameter ${p.name.getText()} of task ${task.id} ${bad}: task arguments travel as data to another process`);
  }
  const sig = checker.getSignatureFromDeclaration(fn);
  if (sig) {
    const bad = uncrossable(checker, unwrapPromise(checker, checker.getReturnTypeOfSignature(sig)), 0, new Set());
    if (bad) sink.add(DiagnosticCode.Uncrossable, 'error', fn.type ?? fn.name ?? fn, `result of task ${task.id} ${bad}: results travel as data back from another process`);
  }
}

function checkInstanceState(checker: ts.TypeChecker, task: FoundTask, method: ts.MethodDeclaration, sink: DiagnosticsSink): void {
  const visit = (node: ts.Node): void => {
    // `this` inside a nested function or class is another object.
    if (ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isClassLike(node)) return;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const symbol = checker.getSymbolAtLocation(node.name);
      const isState = !symbol || !(symbol.flags & (ts.SymbolFlags.Method | ts.SymbolFlags.Function));
      if (isState) {
        const write = isAssigned(node);
        sink.add(DiagnosticCode.InstanceState, write ? 'error' : 'warning', node,
          `task ${task.id} ${write ? 'writes' : 'reads'} instance state this.${node.name.text}: each call runs on a fresh instance on its endpoint, so ${write ? 'the write is lost' : 'it sees only the initial value'}; pass it as an argument${write ? ' or return it' : ''}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(method.body!, visit);
}

function isAssigned(node: ts.Node): boolean {
  let child = node;
  let p = node.parent;
  while (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p)) { child = p; p = p.parent; }
  if (ts.isBinaryExpression(p) && p.left === child && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  return (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken);
}

/** Why a type cannot cross a process boundary, or undefined when it can. */
export function uncrossable(checker: ts.TypeChecker, t: ts.Type, depth: number, seen: Set<ts.Type>): string | undefined {
  if (depth > 4 || seen.has(t)) return undefined;
  seen.add(t);
  if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
  if (t.flags & ts.TypeFlags.ESSymbolLike) return 'is a symbol';
  if (t.isUnion() || t.isIntersection()) {
    for (const part of t.types) { const bad = uncrossable(checker, part, depth + 1, seen); if (bad) return bad; }
    return undefined;
  }
  if (!(t.flags & ts.TypeFlags.Object)) return undefined;
  const show = checker.typeToString(t);
  if (t.getCallSignatures().length > 0) return `is a function (${show})`;
  const symbol = t.getSymbol();
  if (symbol?.getName() === 'Promise') {
    const inner = checker.getTypeArguments(t as ts.TypeReference)[0];
    const bad = inner && uncrossable(checker, inner, depth + 1, seen);
    return bad ? `is a Promise whose value ${bad}` : undefined;
  }
  if (checker.isArrayType(t) || checker.isTupleType(t)) {
    for (const arg of checker.getTypeArguments(t as ts.TypeReference)) { const bad = uncrossable(checker, arg, depth + 1, seen); if (bad) return `has elements that ${bad.replace(/^is/, 'are')}`; }
    return undefined;
  }
  if (symbol && symbol.flags & ts.SymbolFlags.Class && symbol.declarations?.some((d) => !d.getSourceFile().isDeclarationFile)) {
    const methods = checker.getPropertiesOfType(t).filter((p) => p.flags & ts.SymbolFlags.Method).map((p) => p.getName());
    if (methods.length > 0) return `is an instance of class ${symbol.getName()} with methods (${methods.slice(0, 3).join(', ')}); a copy would lose them: pass plain data`;
  }
  if (symbol?.declarations?.every((d) => d.getSourceFile().isDeclarationFile)) return undefined;
  for (const prop of checker.getPropertiesOfType(t)) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    if (!decl) continue;
    const bad = uncrossable(checker, checker.getTypeOfSymbolAtLocation(prop, decl), depth + 1, seen);
    if (bad) return `has a field ${prop.getName()} that ${bad}`;
  }
  return undefined;
}
