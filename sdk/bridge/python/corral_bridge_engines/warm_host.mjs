// corral's warm node worker: one long-lived `node` process per engine worker
// slot that runs many attempts. Shipped as text by task_runner.py to machines
// where corral is not installed, so it imports nothing but node's own modules.
//
// Requests arrive as JSON lines on stdin: {"id", "entry", "request"} where
// `entry` is a module exporting `__corralEntry(request) -> EntryResponse`
// (a codegen bundle, or corral's serve-entry.ts for source modules) and
// `request` is the entry protocol's request text. Answers go to the pipe
// whose number is in CORRAL_WARM_FD, one JSON line each, so that a task's own
// prints on stdout can never corrupt them. Modules are imported once and kept
// by path (a bundle's path is its hash).
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const out = Number(process.env.CORRAL_WARM_FD);
const modules = new Map();

function send(message) {
  const bytes = Buffer.from(`${JSON.stringify(message)}\n`);
  for (let at = 0; at < bytes.length;) at += writeSync(out, bytes, at);
}

async function entryOf(path) {
  const known = modules.get(path);
  if (known) return { run: known, importSeconds: 0, imported: false };
  const t0 = performance.now();
  const module = await import(pathToFileURL(path).href);
  if (typeof module.__corralEntry !== 'function') {
    throw new Error(`${path} exports no __corralEntry: rebuild it with this corral's \`corral build\``);
  }
  modules.set(path, module.__corralEntry);
  return { run: module.__corralEntry, importSeconds: (performance.now() - t0) / 1000, imported: true };
}

// One attempt at a time: the engine gives each worker one attempt and waits.
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
// stdin ends when the engine worker that owns this host closes it or dies: nobody is left to
// answer, so a task still running (one that never settles, one that hangs) must not keep the
// host alive as an orphan.
lines.on('close', () => process.exit(0));
send({ ready: true, pid: process.pid });
for await (const line of lines) {
  if (!line.trim()) continue;
  let id = null;
  try {
    const message = JSON.parse(line);
    id = message.id;
    const { run, importSeconds, imported } = await entryOf(message.entry);
    const response = await run(JSON.parse(message.request));
    send({ id, response: JSON.stringify(response), importSeconds, imported, rss: process.memoryUsage.rss() });
  } catch (e) {
    send({ id, hostError: `${e && e.name ? e.name : 'Error'}: ${e && e.message ? e.message : String(e)}` });
  }
}
process.exit(0);
