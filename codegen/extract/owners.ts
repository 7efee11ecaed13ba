import { relative } from 'node:path';
import { ts } from 'ts-morph';
import type { FoundTask } from './model.js';

/** The named function (or module top level) a task call belongs to. */
export interface Owner {
  readonly id: string;
  readonly node: ts.Node;
  /** Set when the owner is itself a task. */
  readonly task?: FoundTask;
}

/**
 * Finds owners of call sites: the nearest method, function, or variable
 * holding a function; callbacks belong to their enclosing owner.
 *
 * @example
 * ```ts
 * const owners = new OwnerFinder(tasks, '/app');
 * owners.of(callNode).id; // 'Images.pipeline'
 * ```
 */
export class OwnerFinder {
  private readonly byNode = new Map<ts.Node, Owner>();
  private readonly taskOf = new Map<ts.Node, FoundTask>();

  constructor(tasks: readonly FoundTask[], private readonly root: string) {
    for (const t of tasks) {
      this.taskOf.set(t.declaration, t);
      if (t.body) this.taskOf.set(t.body, t);
    }
  }

  of(node: ts.Node): Owner {
    let p = node.parent;
    while (p && !this.isOwner(p)) p = p.parent;
    const ownerNode = p ?? node.getSourceFile();
    let owner = this.byNode.get(ownerNode);
    if (!owner) this.byNode.set(ownerNode, (owner = this.describe(ownerNode)));
    return owner;
  }

  private isOwner(n: ts.Node): boolean {
    if (ts.isSourceFile(n) || ts.isMethodDeclaration(n) || ts.isFunctionDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isAccessor(n)) return true;
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      return this.taskOf.has(n) || ts.isVariableDeclaration(n.parent) || ts.isPropertyDeclaration(n.parent);
    }
    return false;
  }

  private describe(n: ts.Node): Owner {
    const task = this.taskOf.get(n);
    if (task) return { id: task.id, node: task.declaration, task };
    if (ts.isSourceFile(n)) return { id: relative(this.root, n.fileName).split('\\').join('/'), node: n };
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && (ts.isVariableDeclaration(n.parent) || ts.isPropertyDeclaration(n.parent))) {
      return { id: this.nameOf(n.parent), node: n.parent };
    }
    return { id: this.nameOf(n), node: n };
  }

  private nameOf(n: ts.Node): string {
    const named = n as ts.Node & { name?: ts.Node };
    const own = ts.isConstructorDeclaration(n) ? 'constructor' : named.name?.getText() ?? '(anonymous)';
    const cls = ts.isClassLike(n.parent) ? n.parent.name?.text ?? '(class)' : undefined;
    return cls ? `${cls}.${own}` : own;
  }
}
