// %% [markdown]
// # Local threads and a real Dask cluster, placed by corral
// Starts a Dask scheduler and two workers on 127.0.0.1 (Debian's python3-distributed,
// under /usr/bin/python3 or $CORRAL_PYTHON), then runs the quickstart's workflow with
// some calls on this machine's worker threads and some on Dask, round robin.
// `node bin/corral.js run examples/local-and-dask.ts`

// %%
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Corral, DASK_PYTHON, DaskEndpoint, LocalEndpoint, loadReportData, renderReport, startLocalDaskCluster } from '../sdk/index.js';
import { Files } from './tasks/files.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const names = ['ec2-bench-dev.csv', 'heft_paper_example.json', 'transfer_model.json'];
const files = names.map((name) => ({ name, data: new Uint8Array(readFileSync(join(here, 'data', name))) }));
console.log(`# ${files.length} files: ${names.join(', ')}`);

// %% A real Dask cluster on this machine.
const cluster = await startLocalDaskCluster(2);
console.log(`# Dask scheduler at ${cluster.address}`);

// %% One session, two kinds of endpoint.
const corral = await Corral.open({
  endpoints: [new LocalEndpoint({ name: 'threads', workers: 2 }), new DaskEndpoint({ name: 'dask', address: cluster.address, workers: 2, python: DASK_PYTHON })],
  policy: 'round-robin',
});
corral.events.on('task:done', (e) => console.log(`  done ${e.callId.padEnd(4)} ${e.taskId.padEnd(16)} on ${e.endpoint.padEnd(7)} ${(e.runSeconds * 1000).toFixed(1).padStart(7)} ms`));
try {
  // %% Run the workflow.
  const summaries = await corral.run(Files, 'catalogue', files);
  for (const s of summaries) console.log(`${s.name.padEnd(26)} ${s.bytes} B -> ${s.gzipBytes} B gzip, sha256 ${s.sha256.slice(0, 12)}`);
  const calls = corral.journal.calls(corral.lastRunId!);
  const count = (e: string) => calls.filter((c) => c.endpoint === e).length;
  console.log(`calls per endpoint: threads=${count('threads')}, dask=${count('dask')}`);
} finally {
  await corral.close();
  await cluster.stop();
}

// %% The run report: which calls went to threads and which to Dask, and how long each took.
const reportFile = join(here, '..', 'reports', 'local-and-dask.html');
mkdirSync(dirname(reportFile), { recursive: true });
writeFileSync(reportFile, await renderReport(loadReportData(corral.lastRunId!)));
console.log(`report: ${reportFile} (open it in a browser)`);
