/** Small helpers shared by the benchmarks: medians of repeated timed runs, formatting. */

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `fn` `reps` times after `warmup` runs; returns each run's milliseconds. */
export async function timeRuns(fn: () => Promise<void> | void, reps: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** Runs `n` tasks with at most `width` in flight. */
export async function inFlight(n: number, width: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => { while (next < n) await task(next++); };
  await Promise.all(Array.from({ length: Math.min(width, n) }, lane));
}

/** Prints an aligned table row. */
export function row(cols: (string | number)[], widths: number[]): string {
  return cols.map((c, i) => String(typeof c === 'number' ? (Number.isInteger(c) ? c : c.toFixed(2)) : c).padStart(widths[i] ?? 12)).join(' ');
}
