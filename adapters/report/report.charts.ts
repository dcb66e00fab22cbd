import type { CellSummary, SimulationSummary } from '../../runtime/simulation/summary.js';

/** A vega-lite specification (kept loose: vega-lite validates it when compiling). */
export type VegaLiteSpec = Record<string, unknown>;

/** One chart of the report: an id, a caption and its vega-lite specification. */
export interface ChartDef {
  id: string;
  title: string;
  caption: string;
  spec: VegaLiteSpec;
}

/** One plotted row per cell. */
export interface CellRow {
  label: string;
  x: number | string;
  series: string;
  accuracy: number | null;
  lo: number | null;
  hi: number | null;
  condorcet: number | null;
  consensusRate: number | null;
  roundsToConsensus: number | null;
  rightToWrong: number | null;
  wrongToRight: number | null;
  callsPerDecision: number | null;
  usdPerDecision: number | null;
}

/**
 * Chooses the axis: the numeric sweep dimension with the most values is x, the other dimensions make the series
 * (colour); with no numeric dimension the first dimension is a nominal x; with no sweep, one bar.
 */
export function chooseAxes(summary: SimulationSummary): { xKey: string | null; numeric: boolean } {
  const numeric = summary.dimensions.filter((d) => d.values.every((v) => typeof v === 'number'));
  if (numeric.length) return { xKey: numeric.reduce((a, b) => (b.values.length > a.values.length ? b : a)).key, numeric: true };
  return { xKey: summary.dimensions[0]?.key ?? null, numeric: false };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The rows the charts plot. */
export function cellRows(summary: SimulationSummary): CellRow[] {
  const { xKey } = chooseAxes(summary);
  return summary.cellSummaries.map((c: CellSummary) => {
    const rest = Object.entries(c.params).filter(([k]) => k !== xKey).map(([k, v]) => `${k}=${str(v)}`);
    const x = xKey === null ? 'all runs' : (c.params[xKey] as number | string);
    return {
      label: c.label, x: typeof x === 'number' ? x : str(x), series: rest.join(', ') || 'all',
      accuracy: c.accuracy, lo: c.accuracyCi95?.[0] ?? null, hi: c.accuracyCi95?.[1] ?? null, condorcet: c.condorcet,
      consensusRate: c.consensusRate, roundsToConsensus: c.roundsToConsensus.mean,
      rightToWrong: c.flipsPerRun.rightToWrong, wrongToRight: c.flipsPerRun.wrongToRight,
      callsPerDecision: c.callsPerDecision, usdPerDecision: c.usdPerDecision,
    };
  });
}

/** The report's charts for a summary (a chart whose measure is absent in every cell is left out). */
export function buildCharts(summary: SimulationSummary): ChartDef[] {
  const rows = cellRows(summary);
  const { xKey, numeric } = chooseAxes(summary);
  const xTitle = xKey ?? 'cell';
  const x = { field: 'x', type: numeric ? 'quantitative' : 'nominal', title: xTitle, ...(numeric ? { scale: { zero: false } } : { sort: null }) };
  const color = { field: 'series', type: 'nominal', title: 'series', legend: { labelLimit: 400 } };
  const size = { width: 520, height: 260 };
  const has = (k: keyof CellRow): boolean => rows.some((r) => r[k] !== null);
  const line = (field: keyof CellRow, title: string, format?: string): VegaLiteSpec => ({
    ...size,
    data: { values: rows.filter((r) => r[field] !== null) },
    mark: numeric ? { type: 'line', point: true } : { type: 'bar' },
    encoding: { x, y: { field, type: 'quantitative', title, ...(format ? { axis: { format } } : {}) }, color, ...(numeric ? {} : { xOffset: { field: 'series' } }) },
  });
  const charts: ChartDef[] = [];
  if (has('accuracy')) {
    const layers: VegaLiteSpec[] = [
      { mark: { type: 'errorbar' }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'accuracy', scale: { zero: false } }, y2: { field: 'hi' }, color, ...(numeric ? {} : { xOffset: { field: 'series' } }) } },
      { mark: numeric ? { type: 'line', point: true } : { type: 'point', filled: true, size: 60 }, encoding: { x, y: { field: 'accuracy', type: 'quantitative', axis: { format: '.0%' } }, color, ...(numeric ? {} : { xOffset: { field: 'series' } }) } },
    ];
    if (has('condorcet')) {
      layers.push({
        transform: [{ filter: 'datum.condorcet !== null' }],
        mark: numeric ? { type: 'line', strokeDash: [6, 4], color: '#333' } : { type: 'tick', color: '#333', thickness: 2 },
        encoding: { x, y: { field: 'condorcet', type: 'quantitative' }, detail: { field: 'series' }, ...(numeric ? {} : { xOffset: { field: 'series' } }) },
      });
    }
    charts.push({
      id: 'accuracy', title: 'Accuracy', spec: { ...size, data: { values: rows.filter((r) => r.accuracy !== null) }, layer: layers },
      caption: `Share of runs whose decision equals the ground truth, with 95 % Wilson intervals${has('condorcet') ? '; dashed: the Condorcet jury formula for the same colony' : ''}.`,
    });
  }
  if (has('consensusRate')) charts.push({ id: 'consensus', title: 'Consensus rate', caption: 'Share of runs in which the protocol reached a decision.', spec: line('consensusRate', 'consensus rate', '.0%') });
  if (has('roundsToConsensus')) charts.push({ id: 'rounds', title: 'Rounds to consensus', caption: 'Mean number of rounds (including the blind round) of the runs that reached consensus.', spec: line('roundsToConsensus', 'rounds') });
  if (has('rightToWrong') || has('wrongToRight')) {
    charts.push({
      id: 'flips', title: 'Flips per run', caption: 'Mean position changes per run, right → wrong and wrong → right (against the ground truth).',
      spec: {
        ...size,
        data: { values: rows },
        transform: [{ fold: ['rightToWrong', 'wrongToRight'], as: ['kind', 'flips'] }, { filter: 'datum.flips !== null' }],
        mark: numeric ? { type: 'line', point: true } : { type: 'bar' },
        encoding: { x, y: { field: 'flips', type: 'quantitative', title: 'flips per run' }, color: { field: 'kind', type: 'nominal', title: 'flip' }, strokeDash: { field: 'series', type: 'nominal' }, ...(numeric ? {} : { xOffset: { field: 'kind' } }) },
      },
    });
  }
  const arms = armRows(summary);
  if (arms.length > 0) {
    const ax = { field: 'arm', type: 'nominal', title: 'arm', sort: null, axis: { labelAngle: 0 } };
    const enc = { x: ax, xOffset: { field: 'cell' }, color: { field: 'cell', type: 'nominal', title: 'cell', legend: { labelLimit: 400 } } };
    charts.push({
      id: 'baselines', title: 'Colony vs same-budget baselines',
      caption: 'Accuracy of the colony under its protocol beside the majority vote of its first round, the best single model alone and self-consistency (k samples of one model), with 95 % Wilson intervals; calls and cost per question are in the table below.',
      spec: {
        width: 520, height: 260, data: { values: arms },
        layer: [
          { mark: { type: 'errorbar' }, encoding: { ...enc, y: { field: 'lo', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } }, y2: { field: 'hi' } } },
          { mark: { type: 'point', filled: true, size: 60 }, encoding: { ...enc, y: { field: 'accuracy', type: 'quantitative', axis: { format: '.0%' } } } },
        ],
      },
    });
  }
  if (has('callsPerDecision')) charts.push({ id: 'calls', title: 'Model calls per decision', caption: 'Total model calls divided by the runs that reached a decision.', spec: line('callsPerDecision', 'calls per decision') });
  if (has('usdPerDecision')) charts.push({ id: 'cost', title: 'Cost per decision (USD)', caption: 'Total reported cost divided by the runs that reached a decision (0 for the simulated model).', spec: line('usdPerDecision', 'USD per decision') });
  return charts;
}

/** One plotted row per (cell, arm) of the experiment blocks. */
export function armRows(summary: SimulationSummary): { cell: string; arm: string; accuracy: number; lo: number; hi: number }[] {
  const short: Record<string, string> = { colony: 'colony', vote: 'first-round vote', single: 'best single model', sc: 'self-consistency' };
  return summary.cellSummaries.flatMap((c) => (c.experiment?.arms ?? [])
    .filter((a) => a.accuracy !== null && a.accuracyCi95 !== null)
    .map((a) => ({ cell: c.label, arm: short[a.arm] ?? a.arm, accuracy: a.accuracy!, lo: a.accuracyCi95![0], hi: a.accuracyCi95![1] })));
}
