import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Journal } from '../../sdk/index.js';
import { chartToSvg, renderReport, reportCharts } from '../../sdk/report/index.js';
import { reportDataFromJournal } from '../../sdk/report/journal-report-data.js';
import { recordDataMove } from '../../sdk/runtime/journal/index.js';
import { journalWithDiamondRun } from '../runtime/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corralBin = join(root, 'bin/corral.js');

describe('seeing data movement: corral show --json and the run report', () => {
  let path: string;
  let runId: string;
  beforeAll(async () => {
    ({ path, runId } = await journalWithDiamondRun());
    // The moves a run on a Dask cluster and this machine records (as RunData writes them).
    const journal = Journal.open(path);
    recordDataMove(journal, runId, { from: 'client', to: 'dask:tcp://10.0.0.5:8786', bytes: 1200, seconds: null, viaClient: true, callId: 'c1' });
    recordDataMove(journal, runId, { from: 'dask:tcp://10.0.0.5:8786', to: 'client', bytes: 8_000_300, seconds: 0.25, viaClient: true, callId: 'c4', refId: 'r2' });
    recordDataMove(journal, runId, { from: 'dask:tcp://10.0.0.5:8786', to: 'dask:tcp://10.0.0.9:8786', bytes: 4_000_000, seconds: null, viaClient: false, callId: 'c3', refId: 'r1' });
    journal.close();
  }, 60_000);

  it('corral show --json reports bytes through the client and every move', async () => {
    const { stdout } = await execa('node', [corralBin, 'show', runId, '--journal', path, '--json'], { cwd: root });
    const shown = JSON.parse(stdout) as { data: { bytesThroughClient: number; moved: unknown[] } };
    expect(shown.data).toEqual({
      bytesThroughClient: 1200 + 8_000_300,
      moved: [
        { from: 'client', to: 'dask:tcp://10.0.0.5:8786', bytes: 1200, seconds: null },
        { from: 'dask:tcp://10.0.0.5:8786', to: 'client', bytes: 8_000_300, seconds: 0.25 },
        { from: 'dask:tcp://10.0.0.5:8786', to: 'dask:tcp://10.0.0.9:8786', bytes: 4_000_000, seconds: null },
      ],
    });
  }, 60_000);

  it('a run that moved nothing reports zero bytes and no moves', async () => {
    const other = await journalWithDiamondRun();
    const { stdout } = await execa('node', [corralBin, 'show', other.runId, '--journal', other.path, '--json'], { cwd: root });
    expect((JSON.parse(stdout) as { data: unknown }).data).toEqual({ bytesThroughClient: 0, moved: [] });
    const journal = Journal.openReadOnly(other.path);
    try {
      expect(reportCharts(reportDataFromJournal(journal, other.runId)).map((c) => c.id)).not.toContain('data-moves');
    } finally {
      journal.close();
    }
  }, 60_000);

  it('the run report draws the bytes moved between each pair of sites', async () => {
    const journal = Journal.openReadOnly(path);
    const data = reportDataFromJournal(journal, runId);
    journal.close();
    const chart = reportCharts(data).find((c) => c.id === 'data-moves');
    expect(chart).toBeDefined();
    expect(chart!.caption).toContain('8.0 MB passed through the client');
    const svg = await chartToSvg(chart!.spec);
    expect(svg).toContain('<svg');
    for (const label of ['8.0 MB (1)', '4.0 MB (1)', '1.2 kB (1)']) expect(svg).toContain(label);
    const html = await renderReport(data);
    expect(html).toMatch(/<figure id="chart-data-moves" class="chart"><h2>Data moved between sites<\/h2>\s*<svg/);
  }, 60_000);
});
