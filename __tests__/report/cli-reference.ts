// Writes the generated part of docs/cli.md from the commands' own definitions:
//   npx tsx __tests__/report/cli-reference.ts
// Everything before the first "## `corral" heading is hand-written and kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

export const CLI_PAGE = resolve('docs', 'cli.md');

const cell = (s: string) => s.replace(/\|/g, '\\|');
const prose = (s: string) => cell(s).replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One section per command and subcommand: usage, description, options. */
export function commandReference(program: Command): string {
  const out: string[] = [];
  const section = (cmd: Command, prefix: string, depth: number) => {
    const name = `${prefix} ${cmd.name()}`;
    const args = cmd.registeredArguments.map((a) => {
      const n = `${a.name()}${a.variadic ? '...' : ''}`;
      return a.required ? `<${n}>` : `[${n}]`;
    }).join(' ');
    const description = cmd.description();
    out.push(`${'#'.repeat(depth)} \`${name}${args ? ` ${args}` : ''}\``, '', prose(`${description[0]?.toUpperCase() ?? ''}${description.slice(1)}.`), '');
    const options = cmd.options.filter((o) => o.long !== '--help');
    if (options.length > 0) {
      out.push('| option | meaning | default |', '|---|---|---|');
      for (const o of options) out.push(`| \`${cell(o.flags)}\` | ${prose(o.description)} | ${o.defaultValue === undefined ? '' : `\`${cell(JSON.stringify(o.defaultValue))}\``} |`);
      out.push('');
    }
    for (const sub of cmd.commands.filter((c) => c.name() !== 'help')) section(sub, name, depth + 1);
  };
  for (const cmd of program.commands) section(cmd, 'corral', 2);
  return out.join('\n');
}

/** The page with its generated part replaced by `reference`. */
export function withReference(page: string, reference: string): string {
  const start = page.search(/^## `corral /m);
  return `${start < 0 ? page : page.slice(0, start)}${reference}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { buildProgram } = await import('../../sdk/cli/main.js');
  writeFileSync(CLI_PAGE, withReference(readFileSync(CLI_PAGE, 'utf8'), commandReference(buildProgram())));
  process.stdout.write(`wrote ${CLI_PAGE}\n`);
}
