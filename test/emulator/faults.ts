// Fault injection per operation name ('*' matches every operation; `Operation@scope` only requests about that scope,
// e.g. one account id).
import type { Fault, FaultKind } from './types';

export const FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'error',
  'latency',
  'unknownUnion',
  'malformed',
  'hang',
  'htmlPage',
  'unknownRoute',
  'missingAuthToken',
  'unknownOperation',
  'notProtocol',
];

interface ActiveFault {
  kind: FaultKind;
  remaining: number;
  ms: number;
  status?: number;
}

/** What applies to one request: total added latency and at most one answer-changing fault. */
export interface FaultDecision {
  latencyMs: number;
  kind?: Exclude<FaultKind, 'latency'>;
  /** The fault's HTTP status, where its kind takes one (htmlPage). */
  status?: number;
}

export function isFault(value: unknown): value is Fault {
  if (!value || typeof value !== 'object') return false;
  const f = value as Record<string, unknown>;
  return (
    FAULT_KINDS.includes(f.kind as FaultKind) &&
    (f.count === undefined || (Number.isInteger(f.count) && (f.count as number) > 0)) &&
    (f.ms === undefined || (typeof f.ms === 'number' && f.ms >= 0)) &&
    (f.status === undefined || (Number.isInteger(f.status) && (f.status as number) >= 200 && (f.status as number) <= 599))
  );
}

export class FaultBook {
  private readonly faults = new Map<string, ActiveFault[]>();

  set(operation: string, fault: Fault): void {
    const count = fault.count ?? (fault.kind === 'latency' ? Number.POSITIVE_INFINITY : 1);
    const list = this.faults.get(operation) ?? [];
    list.push({ kind: fault.kind, remaining: count, ms: fault.ms ?? 0, status: fault.status });
    this.faults.set(operation, list);
  }

  clear(): void {
    this.faults.clear();
  }

  /** Consumes the faults that apply to the next call of `operation` (about `scope`, when it names one). */
  take(operation: string, scope?: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const key of [...(scope ? [`${operation}@${scope}`] : []), operation, '*']) {
      const list = this.faults.get(key);
      if (!list) continue;
      for (const fault of list) {
        if (fault.remaining <= 0) continue;
        if (fault.kind === 'latency') {
          decision.latencyMs += fault.ms;
          fault.remaining--;
        } else if (!decision.kind) {
          decision.kind = fault.kind;
          decision.status = fault.status;
          fault.remaining--;
        }
      }
      const live = list.filter((f) => f.remaining > 0);
      if (live.length) this.faults.set(key, live);
      else this.faults.delete(key);
    }
    return decision;
  }
}
