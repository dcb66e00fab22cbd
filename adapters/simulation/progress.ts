import { systemClock, type Clock } from '../../runtime/clock.js';
import type { SimulationProgress } from './simulation.runner.js';

/** Options of {@link createProgressPrinter}. */
export interface ProgressPrinterOptions {
  /** Where progress goes (stderr: stdout is reserved for results and --json). */
  write: (text: string) => void;
  /** A terminal gets a redrawn bar with ETA; anything else gets a plain line every `intervalMs`. */
  isTty: boolean;
  clock?: Clock;
  /** Plain-line period (default 10 s). */
  intervalMs?: number;
  /** Bar width in characters (default 28). */
  width?: number;
}

/** Formats milliseconds as h:mm:ss or m:ss. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One progress line without the bar. */
export function progressText(p: SimulationProgress): string {
  const pctDone = p.total ? ((p.done / p.total) * 100).toFixed(1) : '100.0';
  return `${p.done}/${p.total} (${pctDone}%) ${p.rate.toFixed(0)}/s ETA ${p.etaMs === null ? '?' : formatDuration(p.etaMs)} [${p.executor}]`;
}

/**
 * A progress printer: on a TTY a bar redrawn at most 10 times a second, otherwise a plain line every interval
 * (CI logs stay short). `finish` prints the final state once.
 */
export function createProgressPrinter(o: ProgressPrinterOptions): { update: (p: SimulationProgress) => void; finish: (p?: SimulationProgress) => void } {
  const clock = o.clock ?? systemClock;
  const interval = o.isTty ? 100 : (o.intervalMs ?? 10_000);
  const width = o.width ?? 28;
  // the first plain line comes after one interval: an instantaneous rate at 0.1 % done is noise
  let last = o.isTty ? Number.NEGATIVE_INFINITY : clock.now();
  let latest: SimulationProgress | undefined;
  let drawn = false;
  let shown: SimulationProgress | undefined;
  const draw = (p: SimulationProgress): void => {
    shown = p;
    if (o.isTty) {
      const filled = p.total ? Math.round((p.done / p.total) * width) : width;
      o.write(`\r\u001b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progressText(p)}`);
      drawn = true;
    } else {
      o.write(`simulate: ${progressText(p)}\n`);
    }
  };
  return {
    update(p) {
      latest = p;
      const now = clock.now();
      if (now - last < interval) return;
      last = now;
      draw(p);
    },
    finish(p) {
      const f = p ?? latest;
      if (f && f !== shown) draw(f);
      if (o.isTty && drawn) o.write('\n');
    },
  };
}
