import { LukhasError } from '../errors.js';
import { cellConfigSchema, formatIssues, type CellConfig, type Scenario, type SweepDimension } from './scenario.schema.js';

/** One point of the sweep grid: its index, the swept values, a label and the full colony configuration. */
export interface Cell {
  index: number;
  /** Swept value per dimension key (the path, or the name of a set dimension: then its label). */
  params: Record<string, unknown>;
  label: string;
  config: CellConfig;
}

const CELL_KEYS = new Set(Object.keys(cellConfigSchema.shape));

/** The key a dimension is reported under (its path or its name). */
export function dimensionKey(d: SweepDimension): string {
  return 'path' in d ? d.path : d.name;
}

/** Number of values of a dimension. */
export function dimensionSize(d: SweepDimension): number {
  return 'path' in d ? d.values.length : d.sets.length;
}

/** The base colony configuration of a scenario (its top-level cell fields). */
export function baseConfig(s: Scenario): CellConfig {
  return { questions: s.questions, agents: s.agents, protocol: s.protocol, limits: s.limits, quorum: s.quorum, stableRounds: s.stableRounds };
}

/** Number of grid cells (1 without a sweep). */
export function cellCount(s: Scenario): number {
  return s.sweep.reduce((n, d) => n * dimensionSize(d), 1);
}

/**
 * Returns a copy of `target` with the dotted `path` set to `value`. Array steps are numeric and must exist, so a
 * typo such as `agents.3.count` on a one-group colony is an error naming the path instead of a silent new group.
 */
export function setPath(target: unknown, path: string, value: unknown): unknown {
  const steps = path.split('.');
  if (!CELL_KEYS.has(steps[0]!)) {
    throw new LukhasError('BAD_INPUT', `sweep path ${JSON.stringify(path)}: unknown key ${JSON.stringify(steps[0])} (expected one of ${[...CELL_KEYS].join(', ')})`);
  }
  const rec = (node: unknown, i: number): unknown => {
    if (i === steps.length) return structuredClone(value);
    const step = steps[i]!;
    if (Array.isArray(node)) {
      const k = /^\d+$/.test(step) ? Number(step) : -1;
      if (k < 0 || k >= node.length) throw new LukhasError('BAD_INPUT', `sweep path ${JSON.stringify(path)}: ${JSON.stringify(step)} is not an index of a list of ${node.length}`);
      const copy = node.slice();
      copy[k] = rec(node[k], i + 1);
      return copy;
    }
    if (node === undefined || node === null) node = {};
    if (typeof node !== 'object') throw new LukhasError('BAD_INPUT', `sweep path ${JSON.stringify(path)}: ${steps.slice(0, i).join('.')} is not an object`);
    return { ...(node as Record<string, unknown>), [step]: rec((node as Record<string, unknown>)[step], i + 1) };
  };
  return rec(target, 0);
}

/** The cell at `index` (mixed radix over the dimensions, the last dimension varying fastest). */
export function cellAt(s: Scenario, index: number): Cell {
  const total = cellCount(s);
  if (!Number.isInteger(index) || index < 0 || index >= total) throw new LukhasError('BAD_INPUT', `cell index ${index} out of range 0..${total - 1}`);
  let config: unknown = baseConfig(s);
  const params: Record<string, unknown> = {};
  const labels: string[] = [];
  let rest = index;
  const picks: number[] = new Array(s.sweep.length);
  for (let d = s.sweep.length - 1; d >= 0; d--) {
    const size = dimensionSize(s.sweep[d]!);
    picks[d] = rest % size;
    rest = Math.floor(rest / size);
  }
  s.sweep.forEach((dim, d) => {
    const k = picks[d]!;
    if ('path' in dim) {
      const v = dim.values[k];
      config = setPath(config, dim.path, v);
      params[dim.path] = v;
      labels.push(`${dim.path}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    } else {
      for (const [p, v] of Object.entries(dim.sets[k]!)) config = setPath(config, p, v);
      const label = dim.labels?.[k] ?? `${dim.name}#${k}`;
      params[dim.name] = label;
      labels.push(`${dim.name}=${label}`);
    }
  });
  const r = cellConfigSchema.safeParse(config);
  if (!r.success) {
    throw new LukhasError('BAD_INPUT', `sweep cell ${index} (${labels.join(', ') || 'base'}): ${formatIssues(r.error)}`);
  }
  return { index, params, label: labels.join(', ') || 'base', config: r.data };
}

/** Every cell of the grid, validated (throws BAD_INPUT on the first bad cell). */
export function expandCells(s: Scenario): Cell[] {
  const n = cellCount(s);
  if (n > 100_000) throw new LukhasError('BAD_INPUT', `sweep: ${n} cells (at most 100000)`);
  return Array.from({ length: n }, (_, i) => cellAt(s, i));
}
