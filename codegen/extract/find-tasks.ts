import { ts } from 'ts-morph';
import { DiagnosticCode } from '../diagnostics/diagnostic.js';
import type { ManifestOptions } from '../../sdk/graph/index.js';
import { corralDecoratorOf, type CorralDecorator } from './corral-decorators.js';
import { checkOptions } from './option-check.js';
import { siteOf } from './site.js';
import type { DiagnosticsSink } from './diagnostics-sink.js';
import type { FoundTask, FoundWorkflow } from './model.js';

/** Tasks and budgeted workflow roots declared in a set of files. */
export interface DeclaredTasks {
  readonly tasks: FoundTask[];
  readonly workflows: FoundWorkflow[];
}

/**
 * Finds every `@remote`, `@costBudget` and `@federated` method and every
 * `remote(options, fn)` function, evaluates and validates their options, and
 * reports decorators placed where no task can be.
 *
 * @example
 * ```ts
 * const { tasks, workflows } = findTasks(checker, sourceFiles, '/app', sink);
 * ```
 */
export function findTasks(checker: ts.TypeChecker, files: readonly ts.SourceFile[], root: string, sink: DiagnosticsSink): DeclaredTasks {
  const out: DeclaredTasks = { tasks: [], workflows: [] };
  for (const sf of files) {
    const remoteNames = localNamesOf(sf, 'remote');
    const visit = (node: ts.Node): void => {
      if (ts.canHaveDecorators(node)) {
        const decorators = ts.getDecorators(node);
        if (decorators?.length) visitDecorated(checker, node, decorators, root, sink, out);
      }
      if (ts.isCallExpression(node) && node.arguments.length >= 2 && ts.isIdentifier(node.expression) && remoteNames.has(node.expression.text)
        && corralDecoratorOf(checker, node.expression) === 'remote') {
        visitRemoteFunction(checker, node, root, sink, out);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** Local names under which a file imports one of corral's exports (the name itself included). */
export function localNamesOf(sf: ts.SourceFile, exported: string): Set<string> {
  const names = new Set([exported]);
  for (const st of sf.statements) {
    const bindings = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : undefined;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) if ((el.propertyName ?? el.name).text === exported) names.add(el.name.text);
    }
  }
  return names;
}

type Applied = { kind: CorralDecorator; call: ts.CallExpression | undefined; node: ts.Decorator };

function visitDecorated(checker: ts.TypeChecker, node: ts.Node, decorators: readonly ts.Decorator[], root: string, sink: DiagnosticsSink, out: DeclaredTasks): void {
  const applied: Applied[] = [];
  for (const d of decorators) {
    const call = ts.isCallExpression(d.expression) ? d.expression : undefined;
    const kind = corralDecoratorOf(checker, call ? call.expression : d.expression);
    if (kind) applied.push({ kind, call, node: d });
  }
  if (applied.length === 0) return;
  const reason = cannotBeTask(checker, node, applied.some((a) => a.kind !== 'costBudget' && a.kind !== 'workflow'));
  if (reason) {
    for (const a of applied) sink.add(DiagnosticCode.NotATask, 'error', a.node, `@${a.kind} ${reason}`);
    return;
  }
  const method = node as ts.MethodDeclaration;
  const cls = method.parent as ts.ClassDeclaration;
  const className = cls.name!.text;
  const member = (method.name as ts.Identifier).text;
  const isStatic = Boolean(ts.getCombinedModifierFlags(method) & ts.ModifierFlags.Static);
  const options: Partial<Record<CorralDecorator, ManifestOptions>> = {};
  for (const a of applied) {
    if (!a.call) {
      sink.add(DiagnosticCode.NotATask, 'error', a.node, `@${a.kind} on ${className}.${member} must be called: write @${a.kind}(${a.kind === 'remote' || a.kind === 'workflow' ? '' : '{ ... }'})`);
      continue;
    }
    const arg = a.call.arguments[0];
    // @workflow() and @workflow({}) only mark the method; with options it is a workflow-scoped @costBudget.
    if (a.kind === 'workflow' && (!arg || (ts.isObjectLiteralExpression(arg) && arg.properties.length === 0))) continue;
    const checked = checkOptions(checker, a.kind, arg, { decorator: a.kind, className, member });
    if (a.kind === 'workflow') options.costBudget = { ...checked.options, static: { ...checked.options.static, scope: 'workflow' } };
    else options[a.kind] = checked.options;
    if (checked.error) {
      sink.add(checked.error.unknown ? DiagnosticCode.UnknownOption : DiagnosticCode.InvalidOption, 'error', checked.error.node ?? a.node, checked.error.message);
    }
  }
  const isTask = Boolean(options.remote || options.federated);
  const site = siteOf(method.name, root);
  const name = options.remote?.static.name;
  const id = typeof name === 'string' ? name : `${className}.${member}`;
  const budget = options.costBudget;
  const scope = budget?.static.scope ?? (isTask ? 'call' : 'workflow');
  if (isTask) {
    const { params, returns } = signatureText(checker, method);
    out.tasks.push({
      id, kind: isStatic ? 'static' : 'method', className, member, site, params, returns,
      ...(options.remote ? { remote: options.remote } : {}),
      ...(budget && scope === 'call' ? { budget } : {}),
      ...(options.federated ? { federated: options.federated } : {}),
      declaration: method, body: method, module: method.getSourceFile().fileName,
    });
  }
  if (budget && scope === 'workflow') out.workflows.push({ id, ...(isTask ? { task: id } : {}), declaration: method, site, budget });
}

function cannotBeTask(checker: ts.TypeChecker, node: ts.Node, loadedByWorkers: boolean): string | undefined {
  if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) return 'cannot decorate a class: decorate its methods';
  if (ts.isPropertyDeclaration(node)) return `cannot decorate property ${node.name.getText()}: only methods can be tasks (wrap a function with remote(options, fn))`;
  if (ts.isGetAccessor(node) || ts.isSetAccessor(node)) return `cannot decorate accessor ${node.name.getText()}: only methods can be tasks`;
  if (ts.isParameter(node)) return 'cannot decorate a parameter';
  if (!ts.isMethodDeclaration(node)) return 'can only decorate a method';
  if (!ts.isIdentifier(node.name)) return `needs a method with a plain name (got ${node.name.getText()})`;
  if (!node.body) return `cannot decorate ${node.name.text} without a body (abstract method or overload)`;
  const cls = node.parent;
  if (!ts.isClassDeclaration(cls) || !cls.name) return `on ${node.name.text}: the class must be a named class declaration so workers can load it`;
  if (loadedByWorkers && !isExported(checker, cls)) return `on ${cls.name.text}.${node.name.text}: class ${cls.name.text} must be exported so workers can load it`;
  return undefined;
}

function visitRemoteFunction(checker: ts.TypeChecker, call: ts.CallExpression, root: string, sink: DiagnosticsSink, out: DeclaredTasks): void {
  const holder = ts.isVariableDeclaration(call.parent) && call.parent.initializer === call ? call.parent : undefined;
  const fnArg = call.arguments[1]!;
  const fn = functionOf(checker, fnArg);
  const varName = holder && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
  const fnName = fn && (ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn)) ? fn.name?.text : undefined;
  const checked = checkOptions(checker, 'remote', call.arguments[0], { decorator: 'remote', member: fnName ?? varName ?? '(anonymous function)' });
  if (checked.error) sink.add(checked.error.unknown ? DiagnosticCode.UnknownOption : DiagnosticCode.InvalidOption, 'error', checked.error.node ?? call, checked.error.message);
  const named = checked.options.static.name;
  const dynamicName = checked.options.dynamic.some((d) => d.key === 'name' || d.key === '*');
  const member = typeof named === 'string' ? named : fnName;
  if (!member && !dynamicName) {
    sink.add(DiagnosticCode.AnonymousTask, 'error', fnArg,
      `remote(options, fn) needs a name for an anonymous function: write remote({ name: '${varName ?? 'task'}' }, fn) or pass a named function`);
  }
  if (!holder) {
    sink.add(DiagnosticCode.NotATask, 'error', call, 'remote(options, fn) must initialize an exported const so workers can load it (export const t = remote(...))');
    return;
  }
  if (!isExported(checker, holder)) {
    sink.add(DiagnosticCode.NotATask, 'error', holder.name, `remote(options, fn) task ${member ?? varName} must be exported so workers can load it`);
  }
  const { params, returns } = fn ? signatureText(checker, fn) : { params: [], returns: 'unknown' };
  const id = member ?? varName ?? '(anonymous)';
  out.tasks.push({
    id, kind: 'function', member: id, site: siteOf(holder.name, root), params, returns, remote: checked.options,
    declaration: holder, body: fn, module: call.getSourceFile().fileName,
  });
}

function functionOf(checker: ts.TypeChecker, e: ts.Expression): ts.SignatureDeclaration | undefined {
  if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) return e;
  if (ts.isIdentifier(e)) {
    const d = checker.getSymbolAtLocation(e)?.valueDeclaration;
    if (d && ts.isFunctionDeclaration(d)) return d;
  }
  return undefined;
}

function isExported(checker: ts.TypeChecker, decl: ts.ClassDeclaration | ts.VariableDeclaration): boolean {
  const moduleSymbol = checker.getSymbolAtLocation(decl.getSourceFile());
  if (!moduleSymbol) return false;
  for (let s of checker.getExportsOfModule(moduleSymbol)) {
    if (s.flags & ts.SymbolFlags.Alias) s = checker.getAliasedSymbol(s);
    if (s.declarations?.includes(decl)) return true;
  }
  return false;
}

/** Parameter and return types as text (return type with its Promise unwrapped). */
export function signatureText(checker: ts.TypeChecker, fn: ts.SignatureDeclaration): { params: Array<{ name: string; type: string }>; returns: string } {
  const show = (t: ts.Type) => checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation);
  const params = fn.parameters.map((p) => ({ name: p.name.getText(), type: p.type ? p.type.getText() : show(checker.getTypeAtLocation(p)) }));
  const sig = checker.getSignatureFromDeclaration(fn);
  const returns = sig ? show(unwrapPromise(checker, checker.getReturnTypeOfSignature(sig))) : 'unknown';
  return { params, returns };
}

/** `T` for `Promise<T>`, else the type itself. */
export function unwrapPromise(checker: ts.TypeChecker, t: ts.Type): ts.Type {
  return t.getSymbol()?.getName() === 'Promise' ? (checker.getTypeArguments(t as ts.TypeReference)[0] ?? t) : t;
}
