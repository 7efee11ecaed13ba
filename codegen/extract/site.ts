import { relative } from 'node:path';
import type { ts } from 'ts-morph';
import type { ManifestSite } from '../../sdk/graph/index.js';

/** The 1-based file position of a node, file relative to `root`. */
export function siteOf(node: ts.Node, root: string): ManifestSite {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { file: relative(root, sf.fileName).split('\\').join('/'), line: line + 1, column: character + 1 };
}
