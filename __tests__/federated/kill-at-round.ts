import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** Runs a federated runner script and SIGKILLs it as soon as it prints `round N`; resolves with the ended process and what it printed. */
export async function killAtRound(script: string, args: readonly string[], round: number) {
  const child = execa('node', ['--import', 'tsx', script, ...args], { reject: false, cwd: fileURLToPath(new URL('../..', import.meta.url)) });
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(`round ${round}\n`)) { child.kill('SIGKILL'); resolve(); }
    });
    child.once('exit', () => reject(new Error(`runner exited before round ${round}: ${seen}`)));
  });
  return { ended: await child, seen };
}
