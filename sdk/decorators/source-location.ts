import { fileURLToPath } from 'node:url';

/** Where in the user's code a decorator was applied. */
export interface SourceLocation {
  /** Absolute path of the module file. */
  file: string;
  line: number;
  column: number;
}

const FRAME = /\(?((?:file:\/\/)?\/[^():\s]+):(\d+):(\d+)\)?\s*$/;
const OWN_FRAMES = /[/\\]sdk[/\\]decorators[/\\]|[/\\]node_modules[/\\](tsx|reflect-metadata|tslib)[/\\]|^node:/;

/**
 * Finds the first stack frame outside corral's decorators: the module that
 * applied the decorator. A worker later imports this module to run the task.
 */
export function callerLocation(): SourceLocation | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
    if (OWN_FRAMES.test(file)) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}
