import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { renderReport, reportCharts } from '../../sdk/report/index.js';
import { federatedRun, pipelineRun } from './sample-run.js';

const ARTIFACTS = resolve('artifacts', 'report');

describe('a generated report in headless Chromium', () => {
  let browser: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'corral-chromium-'));
    await mkdir(ARTIFACTS, { recursive: true });
    // A fresh profile per run; playwright passes it to chromium as --user-data-dir.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await rm(profile, { recursive: true, force: true });
  });

  for (const [name, make] of [['pipeline', () => pipelineRun(8)], ['federated', () => federatedRun()]] as const) {
    it(`renders the ${name} report with every chart, offline and without console errors`, async () => {
      const data = make();
      const file = join(ARTIFACTS, `${name}.html`);
      await writeFile(file, await renderReport(data));
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      // Any request other than the file itself would mean the report is not self-contained.
      const requests: string[] = [];
      page.on('request', (r) => { if (r.url() !== pathToFileURL(file).href) requests.push(r.url()); });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      for (const chart of reportCharts(data)) {
        const svg = page.locator(`#chart-${chart.id} svg`);
        await expect(svg.count()).resolves.toBe(1);
        const box = await svg.boundingBox();
        expect(box!.width).toBeGreaterThan(100);
        expect(box!.height).toBeGreaterThan(50);
        // a chart with marks drawn, not an empty frame
        expect(await page.locator(`#chart-${chart.id} svg path, #chart-${chart.id} svg rect`).count()).toBeGreaterThan(3);
      }
      const ganttBars = await page.locator('#chart-gantt svg .mark-rect path').count();
      expect(ganttBars).toBeGreaterThanOrEqual(data.calls.reduce((n, c) => n + c.attempts.length, 0));
      expect(await page.locator('h1').innerText()).toContain(data.run.workflow);

      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      await page.close();
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    });
  }
});
