import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCharts, cellRows, chooseAxes } from '../../adapters/report/report.charts.js';
import { simulate } from '../../adapters/simulation/simulate.main.js';
import type { SimulationSummary } from '../../runtime/simulation/summary.js';
import { fakeDeliberate } from './fake-engine.js';
import { tempDir, writeSmallScenario } from './sim-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} is absent: skipping the report screenshot test (apt-get install chromium; .ci/run installs it)`);
const deliberate = async (req: Parameters<typeof fakeDeliberate>[0]) => fakeDeliberate(req);

describe('report charts', () => {
  it('plots accuracy against the numeric sweep with the Condorcet curve, one series per other dimension', async () => {
    const dir = tempDir('charts');
    const file = writeSmallScenario(dir, 40, {
      questions: [{ text: 'a or b?', options: ['a', 'b'], groundTruth: 'a' }],
      agents: [{ role: 'logical', count: 3, competence: 0.6 }], limits: { rounds: 1 },
      sweep: [{ path: 'protocol', values: ['majority', 'unanimity'] }, { path: 'agents.0.count', values: [1, 3, 5] }],
    });
    const { summary } = await simulate({ file, out: join(dir, 'o'), deliberate });
    expect(chooseAxes(summary)).toEqual({ xKey: 'agents.0.count', numeric: true });
    const rows = cellRows(summary);
    expect(rows.map((r) => [r.x, r.series])).toEqual([[1, 'protocol=majority'], [3, 'protocol=majority'], [5, 'protocol=majority'], [1, 'protocol=unanimity'], [3, 'protocol=unanimity'], [5, 'protocol=unanimity']]);
    expect(rows[1]!.condorcet).toBeCloseTo(0.648, 6);
    expect(rows[4]!.condorcet).toBeNull();
    const ids = buildCharts(summary).map((c) => c.id);
    expect(ids).toEqual(['accuracy', 'consensus', 'rounds', 'flips', 'calls', 'cost']);
  });

  it('leaves out the accuracy chart when no question has a ground truth', () => {
    const s = { dimensions: [], cellSummaries: [{ label: 'base', params: {}, accuracy: null, accuracyCi95: null, condorcet: null, consensusRate: 0.5, roundsToConsensus: { mean: 2 }, flipsPerRun: { rightToWrong: null, wrongToRight: null }, callsPerDecision: 10, usdPerDecision: 0 }] } as unknown as SimulationSummary;
    expect(buildCharts(s).map((c) => c.id)).toEqual(['consensus', 'rounds', 'calls', 'cost']);
  });
});

describe.skipIf(!hasChromium)('report.html in headless Chromium', () => {
  let browser: BrowserContext;
  beforeAll(async () => {
    // a fresh profile per run (playwright passes it as --user-data-dir)
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lukhas-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => { await browser?.close(); });

  it('shows every plot as a non-empty SVG and the screenshot is not blank', async () => {
    const dir = tempDir('report');
    const file = writeSmallScenario(dir, 200);
    const r = await simulate({ file, out: join(dir, 'o'), deliberate });
    const html = readFileSync(r.files.report!, 'utf8');
    expect(html).not.toMatch(/<script/i); // static: plots are rendered SVG, not drawn by page scripts
    const page = await browser.newPage();
    await page.goto(pathToFileURL(r.files.report!).href);
    const figures = await page.$$eval('figure.chart', (figs) => figs.map((f) => {
      const svg = f.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return { id: f.id, width: box?.width ?? 0, height: box?.height ?? 0, marks: svg ? svg.querySelectorAll('path, line, rect, circle, symbol').length : 0 };
    }));
    expect(figures.map((f) => f.id)).toEqual(['chart-accuracy', 'chart-consensus', 'chart-rounds', 'chart-flips', 'chart-calls', 'chart-cost']);
    for (const f of figures) {
      expect(f.width, f.id).toBeGreaterThan(200);
      expect(f.height, f.id).toBeGreaterThan(150);
      expect(f.marks, f.id).toBeGreaterThan(5);
    }
    const png = await page.screenshot({ fullPage: true, type: 'png' });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // decode the PNG in the browser and count what is not background: a blank page would be all one colour
    // (plain JS text: the DOM types are not in this project's lib)
    const stats = (await page.evaluate(`(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let nonWhite = 0;
      const colours = new Set();
      for (let i = 0; i < d.length; i += 4) {
        if (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240) nonWhite++;
        if (colours.size < 1000) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      }
      return { width: c.width, height: c.height, nonWhite: nonWhite / (d.length / 4), colours: colours.size };
    })(${JSON.stringify(png.toString('base64'))})`)) as { width: number; height: number; nonWhite: number; colours: number };
    expect(stats.width).toBe(1280);
    expect(stats.nonWhite).toBeGreaterThan(0.01);
    expect(stats.colours).toBeGreaterThan(20);
    await page.close();
  });
});
