/**
 * Prints a command's result: exactly one JSON object on stdout with `--json`,
 * else the human summary. Logs always go to stderr.
 */
export function printResult(json: boolean | undefined, value: unknown, human: () => string): void {
  if (json) process.stdout.write(`${JSON.stringify(value)}\n`);
  else process.stdout.write(`${human()}\n`);
}

/** One line per error, `corral: ` first, with the cause chain. */
export function formatCliError(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  while (e) {
    parts.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? (e as Error & { cause?: unknown }).cause : undefined;
  }
  return `corral: ${parts.join('\n  caused by: ')}`;
}
