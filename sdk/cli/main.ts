import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { formatCliError } from './output.js';

/** Builds the `corral` command with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('corral')
    .description('workflow-as-code for the computing continuum')
    .option('--log-level <level>', 'log level: fatal, error, warn, info, debug, trace', 'info')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** Entry point of the `corral` binary. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`${formatCliError(error)}\n`);
    process.exitCode = 1;
  }
}
