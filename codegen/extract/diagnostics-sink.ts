import type { ts } from 'ts-morph';
import type { Diagnostic, DiagnosticCodeValue } from '../diagnostics/diagnostic.js';

/** Collects diagnostics placed at a node. */
export class DiagnosticsSink {
  readonly list: Diagnostic[] = [];

  add(code: DiagnosticCodeValue, severity: Diagnostic['severity'], node: ts.Node, message: string): void {
    const sf = node.getSourceFile();
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    this.list.push({ code, severity, file: sf.fileName, line: line + 1, column: character + 1, message });
  }
}
