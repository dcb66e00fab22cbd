import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { LukhasError } from '../../runtime/errors.js';
import type { SimulationSummary } from '../../runtime/simulation/summary.js';
import { buildCharts, type VegaLiteSpec } from './report.charts.js';

/** Renders one vega-lite specification to an SVG string in Node (vega View, renderer 'none', toSVG). */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  let view: vega.View | undefined;
  try {
    const compiled = compile({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec } as never).spec;
    view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    return await view.toSVG();
  } catch (err) {
    throw new LukhasError('INTERNAL', `report chart failed to render: ${(err as Error).message}`, { cause: err });
  } finally {
    view?.finalize();
  }
}

const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(2)} %`);
const num = (x: number | null, d = 2): string => (x === null ? '—' : x.toFixed(d));

/** Builds the whole report.html text (self-contained: inline SVG, no script, no network). */
export async function renderReportHtml(summary: SimulationSummary & { timing?: { executor: string; elapsedMs: number; deliberationsPerSecond: number } }): Promise<string> {
  const charts = buildCharts(summary);
  const figures: string[] = [];
  for (const c of charts) {
    figures.push(`<figure id="chart-${esc(c.id)}" class="chart"><h2>${esc(c.title)}</h2>${await renderSvg(c.spec)}<figcaption>${esc(c.caption)}</figcaption></figure>`);
  }
  const rows = summary.cellSummaries.map((c) => `<tr><td>${esc(c.label)}</td><td>${c.runs}</td><td>${pct(c.accuracy)}</td><td>${c.accuracyCi95 ? `${pct(c.accuracyCi95[0])} – ${pct(c.accuracyCi95[1])}` : '—'}</td><td>${pct(c.condorcet)}</td><td>${c.condorcetErrorPp === null ? '—' : `${c.condorcetErrorPp.toFixed(2)} pp`}</td><td>${pct(c.consensusRate)}</td><td>${num(c.roundsToConsensus.mean)}</td><td>${num(c.flipsPerRun.rightToWrong, 3)} / ${num(c.flipsPerRun.wrongToRight, 3)}</td><td>${num(c.callsPerDecision)}</td></tr>`);
  const experiment = experimentTables(summary);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lukhas simulation: ${esc(summary.scenario)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}figure{display:inline-block;margin:0 24px 24px 0;vertical-align:top}
figcaption{color:#555;max-width:560px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}.warn{color:#a40}</style></head>
<body><h1>Simulation report: ${esc(summary.scenario)}</h1>
<p>Seed ${summary.seed}; ${summary.cells} cell(s) × ${summary.runsPerCell} runs; ${summary.completedRuns} of ${summary.totalRuns} deliberations completed. (Timing is in summary.json: this page holds only seeded results, so the same scenario and seed give the same bytes whatever the number of workers.)</p>
${summary.complete ? '' : '<p class="warn">Partial results: the simulation was interrupted; <code>lukhas simulate --resume</code> continues it.</p>'}
${summary.condorcetMaxErrorPp === null ? '' : `<p>Largest gap between measured accuracy and the Condorcet formula: <strong>${summary.condorcetMaxErrorPp.toFixed(2)} percentage points</strong>.</p>`}
${figures.join('\n')}
<h2>Cells</h2><table><thead><tr><th>cell</th><th>runs</th><th>accuracy</th><th>95 % CI</th><th>Condorcet</th><th>gap</th><th>consensus</th><th>rounds to consensus</th><th>flips r→w / w→r</th><th>calls per decision</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
${experiment}
</body></html>
`;
}

/** Writes report.html into `outDir`; returns its path. */
export async function writeReport(summary: SimulationSummary, outDir: string): Promise<string> {
  const path = join(outDir, 'report.html');
  await writeFile(path, await renderReportHtml(summary));
  return path;
}

const usd = (x: number | null): string => (x === null ? '—' : `$${x < 0.01 && x > 0 ? x.toPrecision(3) : x.toFixed(4)}`);

/** The per-cell tables of the colony beside its same-budget baselines (cells with an experiment block only). */
function experimentTables(summary: SimulationSummary): string {
  const cells = summary.cellSummaries.filter((c) => c.experiment);
  if (cells.length === 0) return '';
  const out = ['<h2 id="baselines">Colony and same-budget baselines</h2>',
    '<p>Each cell: the colony under its protocol, the plain majority vote of its first (blind) round, the best single model alone (its first-round answer, one call; the best group is chosen after the fact, so this baseline is optimistic) and self-consistency (k blind samples of one model, majority). Accuracy with 95 % Wilson intervals; answers scored by the answer checker; cost at the bundled prices.</p>'];
  for (const c of cells) {
    const e = c.experiment!;
    const rows = e.arms.map((a) => `<tr class="arm-${esc(a.arm)}"><td>${esc(a.label)}</td><td>${a.n}</td><td>${pct(a.accuracy)}</td><td>${a.accuracyCi95 ? `${pct(a.accuracyCi95[0])} – ${pct(a.accuracyCi95[1])}` : '—'}</td><td>${num(a.callsPerQuestion)}</td><td>${num(a.tokensPerQuestion, 0)}</td><td>${usd(a.usdPerQuestion)}</td><td>${usd(a.usdPerCorrect)}</td><td>${a.flipsPerQuestion ? `${num(a.flipsPerQuestion.rightToWrong, 3)} / ${num(a.flipsPerQuestion.wrongToRight, 3)}` : '—'}</td></tr>`);
    const scored = Object.entries(e.scoredBy).map(([k, v]) => `${esc(k)} ${v}`).join(', ');
    out.push(`<h3>${esc(c.label)}</h3><table class="experiment"><thead><tr><th>arm</th><th>questions</th><th>accuracy</th><th>95 % CI</th><th>calls / question</th><th>tokens / question</th><th>USD / question</th><th>USD / correct</th><th>flips r→w / w→r</th></tr></thead><tbody>${rows.join('')}</tbody></table><p class="scored">Colony decisions scored by: ${scored}.</p>`);
  }
  return out.join('\n');
}
