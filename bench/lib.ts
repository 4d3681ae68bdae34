// Shared pieces of the benchmark: results, statistics, interleaved A/B runs and the printed table.
import { performance } from 'node:perf_hooks';

export type Unit = 'ms' | 'bytes' | 'ratio' | 'boolean' | 'count';

/** One key of bench.json. `met` is undefined when the measurement could not run (then `error` says why). */
export interface Measurement {
  readonly key: string;
  readonly value: number | boolean | null;
  readonly unit: Unit;
  /** Human-readable target, e.g. "<= 15 ms". */
  readonly target: string;
  readonly met: boolean | null;
  /** How it was measured, in one line; shown under the table. */
  readonly how: string;
  /** Raw numbers behind the value (medians, sample counts, components). */
  readonly details?: Record<string, unknown>;
  readonly error?: string;
}

export type Comparison = 'max' | 'min' | 'equal';

export interface Spec {
  readonly key: string;
  readonly unit: Unit;
  readonly comparison: Comparison;
  readonly limit: number | boolean;
}

export function targetText(spec: Spec): string {
  const unit = spec.unit === 'ratio' || spec.unit === 'boolean' || spec.unit === 'count' ? '' : ` ${spec.unit}`;
  if (spec.comparison === 'equal') return `= ${String(spec.limit)}${unit}`;
  const limit = spec.unit === 'bytes' ? `${spec.limit} (${((spec.limit as number) / 1024).toFixed(0)} KiB)` : String(spec.limit);
  return `${spec.comparison === 'max' ? '<=' : '>='} ${limit}${unit}`;
}

export function judge(spec: Spec, value: number | boolean): boolean {
  if (spec.comparison === 'equal') return value === spec.limit;
  if (typeof value !== 'number' || typeof spec.limit !== 'number') return false;
  return spec.comparison === 'max' ? value <= spec.limit : value >= spec.limit;
}

export function measurement(spec: Spec, value: number | boolean, how: string, details?: Record<string, unknown>): Measurement {
  const rounded = typeof value === 'number' ? round(value) : value;
  return { key: spec.key, value: rounded, unit: spec.unit, target: targetText(spec), met: judge(spec, rounded), how, details };
}

export function failed(spec: Spec, error: unknown, how: string): Measurement {
  const message = error instanceof Error ? error.message : String(error);
  return { key: spec.key, value: null, unit: spec.unit, target: targetText(spec), met: null, how, error: message.split('\n')[0] };
}

export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (Math.abs(x) >= 1000) return Math.round(x);
  if (Math.abs(x) >= 10) return Math.round(x * 100) / 100;
  return Math.round(x * 1000) / 1000;
}

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Milliseconds `work` took (performance.now, sub-millisecond). */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

export interface AbResult {
  readonly a: number[];
  readonly b: number[];
  /** median(a) / median(b) */
  readonly ratio: number;
  /** Median of the per-round ratios a[i] / b[i] (each pair ran back to back). */
  readonly pairedRatio: number;
}

/**
 * Runs `a` and `b` `rounds` times each, interleaved ABBA-style (A B, B A, A B, ...) so slow drift of a shared
 * machine hits both alike. Each call returns the milliseconds to count (it may time only part of its work).
 */
export async function interleave(rounds: number, a: () => Promise<number>, b: () => Promise<number>): Promise<AbResult> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      as.push(await a());
      bs.push(await b());
    } else {
      bs.push(await b());
      as.push(await a());
    }
  }
  return abResult(as, bs);
}

/** The A/B result of rounds run in pairs (a[i] and b[i] back to back), possibly gathered over several phases. */
export function abResult(as: number[], bs: number[]): AbResult {
  return { a: as, b: bs, ratio: median(as) / median(bs), pairedRatio: median(as.map((x, i) => x / bs[i])) };
}

/** The q-quantile (0..1) by linear interpolation between the sorted samples. */
export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

export function summary(xs: readonly number[]): { median: number; p10: number; p90: number; min: number; max: number; n: number } {
  return {
    median: round(median(xs)),
    p10: round(quantile(xs, 0.1)),
    p90: round(quantile(xs, 0.9)),
    min: round(Math.min(...xs)),
    max: round(Math.max(...xs)),
    n: xs.length,
  };
}

export function formatValue(m: Measurement): string {
  if (m.value === null) return 'n/a';
  if (typeof m.value === 'boolean') return String(m.value);
  if (m.unit === 'bytes') return `${m.value} (${(m.value / 1024).toFixed(1)} KiB)`;
  return `${m.value}${m.unit === 'ms' ? ' ms' : ''}`;
}

export function table(results: readonly Measurement[]): string {
  const rows = results.map((m) => [m.key, formatValue(m), m.unit, m.target, m.met === null ? 'ERROR' : m.met ? 'yes' : 'NO']);
  const header = ['key', 'value', 'unit', 'target', 'met?'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
