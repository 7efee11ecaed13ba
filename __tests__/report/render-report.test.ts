import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_CALL_NODES } from '../../sdk/report/charts/index.js';
import { chartToSvg, renderReport, reportCharts, writeChartPngs } from '../../sdk/report/index.js';
import { federatedRun, pipelineRun } from './sample-run.js';

describe('reportCharts', () => {
  it('leaves out charts without data: no budget, no federated rounds', () => {
    const plain = pipelineRun();
    expect(reportCharts(plain).map((c) => c.id)).toEqual(['gantt', 'budget', 'spend-by-endpoint', 'spend-by-task', 'predictions', 'task-graph']);
    const noBudget = { ...plain, run: { ...plain.run, budget: undefined } };
    expect(reportCharts(noBudget).map((c) => c.id)).not.toContain('budget');
    expect(reportCharts(federatedRun()).map((c) => c.id)).toEqual(expect.arrayContaining(['fl-metrics', 'fl-client-time']));
  });

  it('compiles and renders every chart without a vega or vega-lite warning', async () => {
    const warnings: string[] = [];
    for (const data of [pipelineRun(12), federatedRun()]) {
      for (const chart of reportCharts(data)) await chartToSvg(chart.spec, (w) => warnings.push(`${chart.id}: ${w}`));
    }
    expect(warnings).toEqual([]);
  });

  it('leaves a quantity that is zero on every endpoint out of the spend charts', () => {
    const data = pipelineRun();
    const free = { ...data, calls: data.calls.map((c) => (c.actual ? { ...c, actual: { ...c.actual, usd: 0 } } : c)), taskBudgets: {} };
    const metrics = (d: typeof data) => new Set(((reportCharts(d).find((c) => c.id === 'spend-by-endpoint')!.spec as any).hconcat as { data: { values: { metric: string }[] } }[])
      .flatMap((panel) => panel.data.values.map((r) => r.metric)));
    expect([...metrics(data)]).toEqual(['US dollars', 'compute seconds', 'joules']);
    expect([...metrics(free)]).toEqual(['compute seconds', 'joules']);
  });

  it('draws one node per task once a run has too many calls to draw each', () => {
    const big = pipelineRun(MAX_CALL_NODES);
    const graph = reportCharts(big).find((c) => c.id === 'task-graph')!;
    const nodes = ((graph.spec as any).layer[1].data.values as { label: string }[]).map((n) => n.label);
    expect(nodes).toEqual([`thumbnail ×${MAX_CALL_NODES}`, `classify ×${MAX_CALL_NODES}`, 'summarize ×1']);
  });
});

describe('renderReport', () => {
  it('writes one self-contained page with an inline SVG per chart', async () => {
    const data = federatedRun();
    const html = await renderReport(data);
    const ids = reportCharts(data).map((c) => c.id);
    for (const id of ids) expect(html).toMatch(new RegExp(`<figure id="chart-${id}" class="chart"><h2>[^<]+</h2>\\s*<svg`));
    expect(html.match(/<svg /g)).toHaveLength(ids.length);
    // nothing to fetch at view time: no src attributes, no links or imports off the page
    expect(html).not.toMatch(/\bsrc=/);
    expect(html).not.toMatch(/href="(?!#)/);
    expect(html).not.toMatch(/@import|url\(http/);
  });

  it('renders a run that has not placed anything yet, with its Gantt chart only', async () => {
    const data = { run: { id: 'r0', workflow: 'W.x', startedAt: 0, outcome: 'running' as const }, endpoints: [], calls: [], edges: [] };
    expect(reportCharts(data).map((c) => c.id)).toEqual(['gantt']);
    const html = await renderReport(data);
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html).toContain('0 / 0');
  });

  it('names every failed attempt with its task, endpoint, attempt and remote log', async () => {
    const html = await renderReport(pipelineRun());
    const failures = html.slice(html.indexOf('<section id="failures">'), html.indexOf('</section>', html.indexOf('<section id="failures">')));
    const row = failures.split('<tr>').find((r) => r.includes('ModuleNotFoundError'))!;
    for (const text of ['Images.classify', 'c4', 'spot-east', 'dask://dask-lab/worker-3/logs/c4.log', 'call failed']) expect(row).toContain(text);
    expect(failures).toContain('preempted');
  });

  it('escapes names that look like markup and embeds the data for tools', async () => {
    const data = pipelineRun();
    const hostile = { ...data, run: { ...data.run, workflow: '<script>alert(1)</script>', error: '</script><b>x' } };
    const html = await renderReport(hostile);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('</script><b>');
    const embedded = html.match(/<script type="application\/json" id="corral-run-data">(.*?)<\/script>/s)![1];
    expect(JSON.parse(embedded)).toEqual(JSON.parse(JSON.stringify(hostile)));
  });
});

describe('writeChartPngs', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'corral-report-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('writes one PNG per chart, named by chart id', async () => {
    const data = pipelineRun();
    const files = await writeChartPngs(data, dir, 1);
    expect(files).toEqual(reportCharts(data).map((c) => join(dir, `${c.id}.png`)));
    for (const f of files) {
      const png = await readFile(f);
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.readUInt32BE(16)).toBeGreaterThan(100); // width from the IHDR chunk
    }
  });
});
