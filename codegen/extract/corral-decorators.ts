import { ts } from 'ts-morph';

/** Which corral decorator a call resolves to. */
export type CorralDecorator = 'remote' | 'costBudget' | 'workflow' | 'federated';

const DECLARING_FILE = /[\\/]sdk[\\/]decorators[\\/](remote|cost-budget|workflow|federated)\.(ts|d\.ts|js)$/;
const NAMES: Record<string, CorralDecorator> = { remote: 'remote', 'cost-budget': 'costBudget', workflow: 'workflow', federated: 'federated' };

/**
 * Resolves the callee of a decorator or call (through aliases and
 * re-exports) and tells whether it is one of corral's decorators, by the
 * file that declares it, never by the name used at the call site.
 *
 * @example
 * ```ts
 * corralDecoratorOf(checker, decorator.expression); // 'remote' for `@task()` after `import { remote as task }`
 * ```
 */
export function corralDecoratorOf(checker: ts.TypeChecker, callee: ts.Expression): CorralDecorator | undefined {
  const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : undefined;
  if (!name) return undefined;
  const declaration = resolvedDeclaration(checker, name);
  if (!declaration || !ts.isFunctionDeclaration(declaration)) return undefined;
  const match = DECLARING_FILE.exec(declaration.getSourceFile().fileName);
  if (!match) return undefined;
  const kind = NAMES[match[1]!]!;
  return declaration.name?.text === kind ? kind : undefined;
}

/** The first declaration of the symbol at `node`, following import and export aliases. */
export function resolvedDeclaration(checker: ts.TypeChecker, node: ts.Node): ts.Declaration | undefined {
  let symbol = checker.getSymbolAtLocation(node);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.declarations?.[0];
}
