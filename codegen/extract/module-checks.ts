import { ts } from 'ts-morph';
import { DiagnosticCode } from '../diagnostics/diagnostic.js';
import type { DiagnosticsSink } from './diagnostics-sink.js';
import type { FoundTask } from './model.js';

/**
 * Reports top-level code in a module that defines tasks. A worker imports the
 * task's module (its bundle) to run a task, so a script's own statements
 * (opening a session, running a workflow, printing) would run again in every
 * worker. Declarations, imports, exports and plain variable initialisers are
 * fine, and so is a block guarded by a main-module check on `import.meta`;
 * awaits and other statements are not.
 *
 * @example
 * ```ts
 * checkTaskModules(files, tasks, sink); // CORRAL1009 at main.ts:16 for `const corral = await Corral.open(...)`
 * ```
 */
export function checkTaskModules(files: readonly ts.SourceFile[], tasks: readonly FoundTask[], sink: DiagnosticsSink): void {
  const byModule = new Map<string, string[]>();
  for (const t of tasks) byModule.set(t.module, [...(byModule.get(t.module) ?? []), t.id]);
  for (const sf of files) {
    const ids = byModule.get(sf.fileName);
    if (!ids) continue;
    const statement = sf.statements.find(runsCode);
    if (!statement) continue;
    const name = sf.fileName.split(/[\\/]/).pop()!;
    sink.add(DiagnosticCode.TopLevelCode, 'error', statement,
      `${name} defines tasks (${ids.join(', ')}) and also runs top-level code, which every worker that loads these tasks would run again: move the task classes and functions into their own module (e.g. tasks/${name}) and import them from this script, or guard the script's code with if (process.argv[1] === fileURLToPath(import.meta.url)) { ... }`);
  }
}

function runsCode(statement: ts.Statement): boolean {
  if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isExportDeclaration(statement)) return false;
  if (ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isInterfaceDeclaration(statement)) return false;
  if (ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement) || ts.isEmptyStatement(statement)) return false;
  if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) return false; // 'use strict'
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some((d) => d.initializer !== undefined && awaits(d.initializer));
  if (ts.isExportAssignment(statement)) return awaits(statement.expression);
  // `if (process.argv[1] === fileURLToPath(import.meta.url)) { ... }`: only the main process runs it.
  if (ts.isIfStatement(statement) && mentionsImportMeta(statement.expression)) return false;
  return true;
}

function mentionsImportMeta(node: ts.Node): boolean {
  if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) return true;
  return ts.forEachChild(node, mentionsImportMeta) ?? false;
}

/** True when `node` awaits at module level (not inside a nested function). */
function awaits(node: ts.Node): boolean {
  if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, awaits) ?? false;
}
