import { ts } from 'ts-morph';
import type { ManifestEdge } from '../../sdk/graph/index.js';
import { DataFlow, type Sources } from './data-flow.js';
import { fanOutOf, type Multiplicity } from './fan-out.js';
import { OwnerFinder, type Owner } from './owners.js';
import { siteOf } from './site.js';
import type { FoundTask } from './model.js';

const ITERATING = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every']);

/** One call of a task in orchestrating code. */
export interface CallSite extends Multiplicity {
  readonly task: FoundTask;
  readonly owner: Owner;
  readonly node: ts.CallExpression;
  readonly via: Extract<ManifestEdge, { kind: 'call' }>['via'];
}

/** Call sites and the call and data edges between tasks. */
export interface CallGraph {
  readonly sites: CallSite[];
  readonly edges: ManifestEdge[];
}

/**
 * Finds every call of a task (by resolved symbol: aliases and re-exports are
 * followed, names alone never decide) and how futures flow between calls.
 * Identifiers are first filtered by the names tasks are known under, so the
 * type checker is asked only about plausible calls.
 *
 * @example
 * ```ts
 * const { sites, edges } = findCallGraph(checker, files, tasks, '/app');
 * ```
 */
export function findCallGraph(checker: ts.TypeChecker, files: readonly ts.SourceFile[], tasks: readonly FoundTask[], root: string): CallGraph {
  const byDeclaration = new Map<ts.Node, FoundTask>(tasks.map((t) => [t.declaration, t]));
  const names = knownNames(files, tasks);
  const owners = new OwnerFinder(tasks, root);
  const sites: CallSite[] = [];
  const edges: ManifestEdge[] = [];
  const memo = new Map<ts.CallExpression, CallSite | null>();

  const siteAt = (call: ts.CallExpression): CallSite | undefined => {
    let site = memo.get(call);
    if (site === undefined) {
      const resolved = resolveCall(checker, call, names, byDeclaration);
      site = null;
      if (resolved) {
        const owner = owners.of(call);
        site = { task: resolved.task, owner, node: call, via: resolved.via, ...fanOutOf(call, owner.node) };
        sites.push(site);
      }
      memo.set(call, site);
    }
    return site ?? undefined;
  };

  for (const sf of files) {
    const flow = new DataFlow<CallSite>(checker, siteAt);
    const seen = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const site = siteAt(node);
        if (site) {
          for (const arg of node.arguments) dataEdges(flow.sourcesOf(arg), site, arg, root, seen, edges);
        } else bindCallback(node, flow);
      } else if (ts.isVariableDeclaration(node) && node.initializer) {
        bindDeclaration(node.name, node.initializer, flow);
      } else if (ts.isForOfStatement(node) && ts.isVariableDeclarationList(node.initializer)) {
        for (const d of node.initializer.declarations) flow.bind(d.name, flow.sourcesOf(node.expression), 'loop');
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) {
        flow.bind(node.left, flow.sourcesOf(node.right));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  for (const s of sites) {
    edges.push({ kind: 'call', from: s.owner.id, to: s.task.id, via: s.via, multiplicity: s.multiplicity, ...(s.sizedBy ? { sizedBy: s.sizedBy } : {}), site: siteOf(s.node, root) });
  }
  return { sites, edges };
}

/** Binds `const [a, b] = await Promise.all([x, y])` position by position, anything else as a whole. */
function bindDeclaration(name: ts.BindingName, init: ts.Expression, flow: DataFlow<CallSite>): void {
  let e = init;
  let combined = false;
  for (;;) {
    if (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    else if (ts.isCallExpression(e) && e.arguments.length === 1 && ts.isPropertyAccessExpression(e.expression)
      && e.expression.expression.getText() === 'Promise' && (e.expression.name.text === 'all' || e.expression.name.text === 'allSettled')) {
      e = e.arguments[0]!;
      combined = true;
    } else break;
  }
  if (!ts.isArrayBindingPattern(name) || !ts.isArrayLiteralExpression(e) || e.elements.some(ts.isSpreadElement)) {
    flow.bind(name, flow.sourcesOf(init));
    return;
  }
  name.elements.forEach((el, i) => {
    const value = e.elements[i];
    if (ts.isBindingElement(el) && value && !el.dotDotDotToken) flow.bind(el.name, flow.sourcesOf(value), combined ? 'promise-all' : undefined);
  });
}

/** Binds a callback's parameter to the futures of the array it iterates; records `array.push(future)`. */
function bindCallback(call: ts.CallExpression, flow: DataFlow<CallSite>): void {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return;
  const cb = call.arguments[0];
  if (ITERATING.has(callee.name.text) && cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && cb.parameters[0]) {
    flow.bind(cb.parameters[0].name, flow.sourcesOf(callee.expression), 'map');
  } else if (callee.name.text === 'push' && ts.isIdentifier(callee.expression)) {
    for (const a of call.arguments) flow.bind(callee.expression, flow.sourcesOf(a));
  }
}

function dataEdges(sources: Sources<CallSite>, consumer: CallSite, arg: ts.Node, root: string, seen: Set<string>, edges: ManifestEdge[]): void {
  for (const [producer, flow] of sources) {
    const site = siteOf(arg, root);
    const key = `${producer.task.id}|${consumer.task.id}|${flow}|${site.line}:${site.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({
      kind: 'data', from: producer.task.id, to: consumer.task.id, flow, within: consumer.owner.id,
      multiplicity: consumer.multiplicity, ...(consumer.sizedBy ? { sizedBy: consumer.sizedBy } : {}), site,
    });
  }
}

function resolveCall(checker: ts.TypeChecker, call: ts.CallExpression, names: Set<string>, byDeclaration: Map<ts.Node, FoundTask>): { task: FoundTask; via: CallSite['via'] } | undefined {
  const callee = call.expression;
  const nameNode = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) ? callee.name : undefined;
  if (!nameNode || !names.has(nameNode.text)) return undefined;
  let symbol = checker.getSymbolAtLocation(nameNode);
  if (!symbol) return undefined;
  const aliased = Boolean(symbol.flags & ts.SymbolFlags.Alias);
  if (aliased) symbol = checker.getAliasedSymbol(symbol);
  const task = symbol.declarations?.map((d) => byDeclaration.get(d)).find(Boolean);
  if (!task) return undefined;
  if (ts.isIdentifier(callee)) return { task, via: aliased || task.module !== call.getSourceFile().fileName ? 'import' : 'direct' };
  const receiver = (callee as ts.PropertyAccessExpression).expression;
  if (receiver.kind === ts.SyntaxKind.ThisKeyword || receiver.kind === ts.SyntaxKind.SuperKeyword) return { task, via: 'this' };
  const target = ts.isIdentifier(receiver) ? checker.getSymbolAtLocation(receiver) : undefined;
  if (target && target.flags & ts.SymbolFlags.Alias) {
    const module = checker.getAliasedSymbol(target);
    if (module.flags & ts.SymbolFlags.ValueModule) return { task, via: 'import' };
  }
  return { task, via: task.kind === 'static' ? 'static' : task.kind === 'function' ? 'import' : 'instance' };
}

/** Names under which tasks can be called: their own, plus every import/export alias of them. */
function knownNames(files: readonly ts.SourceFile[], tasks: readonly FoundTask[]): Set<string> {
  const names = new Set<string>();
  for (const t of tasks) {
    const d = t.declaration;
    names.add(ts.isVariableDeclaration(d) && ts.isIdentifier(d.name) ? d.name.text : t.member);
  }
  const specifiers: Array<ts.ImportSpecifier | ts.ExportSpecifier> = [];
  for (const sf of files) {
    for (const st of sf.statements) {
      const bindings = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : undefined;
      if (bindings && ts.isNamedImports(bindings)) specifiers.push(...bindings.elements.filter((e) => e.propertyName));
      if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) specifiers.push(...st.exportClause.elements.filter((e) => e.propertyName));
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const s of specifiers) {
      if (names.has(s.propertyName!.text) && !names.has(s.name.text)) { names.add(s.name.text); grew = true; }
    }
  }
  return names;
}
