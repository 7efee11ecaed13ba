import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../runtime/helpers.js';

const host = fileURLToPath(new URL('../../sdk/bridge/python/corral_bridge_engines/warm_host.mjs', import.meta.url));

// The warm node host a Dask or process engine worker keeps: when that worker dies (killed, its
// machine reclaimed) the host's stdin ends. A task still running in it must not keep it alive.
test('a warm host whose engine worker is gone exits, even while a task of it hangs', async () => {
  const dir = tempDir();
  const entry = join(dir, 'hangs.mjs');
  writeFileSync(entry, `export async function __corralEntry() {
  process.stderr.write('started\\n');
  await new Promise((resolve) => setTimeout(resolve, 600_000));
  return { ok: true };
}\n`);
  const child = spawn(process.execPath, [host], { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env: { ...process.env, CORRAL_WARM_FD: '3' } });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const answers = child.stdio[3] as NodeJS.ReadableStream;
  await new Promise<void>((resolve) => answers.once('data', () => resolve())); // {"ready": true}
  const started = new Promise<void>((resolve) => child.stderr!.on('data', (d: Buffer) => { if (d.toString().includes('started')) resolve(); }));
  child.stdin!.write(`${JSON.stringify({ id: 1, entry, request: '{}' })}\n`);
  await started;
  child.stdin!.end();
  try {
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
}, 60_000);
