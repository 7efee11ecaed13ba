// %% [markdown]
// # corral quickstart
// Compress and hash real files of several sizes on local endpoints: worker
// threads and isolated processes. No account, no server. Run with `npm start`
// (or `node bin/corral.js run examples/quickstart.ts`).

// %%
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { Corral, loadReportData, renderReport } from '../sdk/index.js';
import { Files } from './tasks/files.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = join(here, 'data');
const files = readdirSync(dataDir).filter((f) => !f.endsWith('.md')).sort()
  .map((name) => ({ name, data: new Uint8Array(readFileSync(join(dataDir, name))) }));
console.log(`# ${files.length} files, ${(files.reduce((n, f) => n + f.data.length, 0) / 1024).toFixed(0)} KiB in all`);
for (const f of files) console.log(`  ${f.name.padEnd(42)} ${(f.data.length / 1024).toFixed(1).padStart(8)} KiB`);

// %% Open a session on the endpoints of endpoints.local.yaml; print each call as it finishes.
const corral = await Corral.open({ endpoints: join(here, 'endpoints.local.yaml') });
console.log(`\n# endpoints: ${corral.endpoints.map((e) => `${e.name} (${e.describe().workers} workers, ${e.describe().labels?.mode})`).join(', ')}`);
corral.events.on('task:done', (e) => console.log(`  done   ${e.callId.padEnd(4)} ${e.taskId.padEnd(16)} on ${e.endpoint.padEnd(9)} ${(e.runSeconds * 1000).toFixed(1).padStart(7)} ms`));
corral.events.on('task:cached', (e) => console.log(`  cached ${e.callId.padEnd(4)} ${e.taskId}`));

// %% Run the workflow: 3 calls per file, compress and hash in parallel, then summarize.
console.log('\n# running Files.catalogue');
const summaries = await corral.run(Files, 'catalogue', files);
const runId = corral.lastRunId!;

// %% What each file compressed to.
const byName = new Table({ head: ['file', 'KiB', 'gzip KiB', 'ratio', 'sha256'], style: { head: [], border: [], compact: true } });
for (const s of summaries) byName.push([s.name, (s.bytes / 1024).toFixed(1), (s.gzipBytes / 1024).toFixed(1), s.ratio.toFixed(2), s.sha256.slice(0, 16)]);
console.log(`\n${byName.toString()}`);

// %% Where each call ran and how long it took (from the journal).
const calls = corral.journal.calls(runId);
const table = new Table({ head: ['call', 'task', 'state', 'endpoint', 'ms', 'joules'], style: { head: [], border: [], compact: true } });
for (const c of calls) table.push([c.call_id, c.task_id, c.state, c.endpoint ?? '-', c.run_seconds === null ? '-' : (c.run_seconds * 1000).toFixed(1), c.joules === null ? '-' : c.joules.toFixed(3)]);
console.log(`\n# run ${runId}\n${table.toString()}`);
const perEndpoint = new Map<string, number>();
for (const c of calls) if (c.endpoint) perEndpoint.set(c.endpoint, (perEndpoint.get(c.endpoint) ?? 0) + 1);
console.log(`calls per endpoint: ${[...perEndpoint].map(([e, n]) => `${e}=${n}`).join(', ')}`);
console.log(`see it again with: node bin/corral.js show ${runId}`);

// %% The run report: where each call ran, what it cost, how good the predictions were.
await corral.close();
const reportFile = join(here, '..', 'reports', 'quickstart.html');
mkdirSync(dirname(reportFile), { recursive: true });
writeFileSync(reportFile, await renderReport(loadReportData(runId)));
console.log(`\nreport: ${reportFile} (open it in a browser)`);
