// The folder-level import graph of sdk/: which folder imports which (type-only
// and dynamic imports included), read with TypeScript's own import scanner.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import that crosses a folder boundary: from file, to file. */
export interface CrossImport { readonly from: string; readonly to: string; readonly fromFolder: string; readonly toFolder: string }

/** The folder of a path under sdk/ (`runtime`, `endpoints`...); `(sdk)` for sdk/index.ts; outside sdk: the top-level folder. */
export function folderOf(root: string, file: string): string {
  const parts = relative(root, file).split(sep);
  if (parts[0] !== 'sdk') return parts[0]!;
  return parts.length === 2 ? '(sdk)' : parts[1]!;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'python' || e.name === 'node_modules' ? [] : tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import of a .ts file under `root/sdk` that leaves its folder. */
export function crossImports(root: string): CrossImport[] {
  const out: CrossImport[] = [];
  for (const file of tsFiles(join(root, 'sdk'))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = resolve(dirname(file), fileName.replace(/\.js$/, '.ts'));
      const fromFolder = folderOf(root, file);
      const toFolder = folderOf(root, to);
      if (fromFolder !== toFolder) out.push({ from: relative(root, file), to: relative(root, to), fromFolder, toFolder });
    }
  }
  return out;
}

/** Groups of folders that import each other, directly or through others (strongly connected components of size > 1). */
export function folderCycles(imports: readonly CrossImport[]): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    if (!edges.has(i.fromFolder)) edges.set(i.fromFolder, new Set());
    if (!edges.has(i.toFolder)) edges.set(i.toFolder, new Set());
    edges.get(i.fromFolder)!.add(i.toFolder);
  }
  // Tarjan's algorithm.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of edges.get(v)!) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); group.push(w); } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return groups;
}

/** Imports into another sdk folder that do not go through its index.ts (or its task-side.ts, the lighter surface for code running inside workers). */
export function indexBypasses(imports: readonly CrossImport[]): CrossImport[] {
  return imports.filter((i) => i.to.startsWith(`sdk${sep}`) && i.toFolder !== '(sdk)' && i.to !== join('sdk', i.toFolder, 'index.ts') && i.to !== join('sdk', i.toFolder, 'task-side.ts'));
}
