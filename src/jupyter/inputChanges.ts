// What a user changed when connecting again to a target and role whose bridge already runs: the inputs the running
// session was fetched with against the ones just typed (duration, log context, …). Only recordable inputs are
// compared and shown, so a message never carries a secret. Pure, so the rule is tested on its own.
import type { CredentialInput, CredentialMethod } from '../services/types';
import { recordableInput } from './notebookMetadata';

export interface InputChange {
  readonly key: string;
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

const shown = (v: unknown): string => (v === undefined || v === '' ? '(none)' : Array.isArray(v) ? v.join(', ') : String(v));

/** The declared, recordable inputs whose values differ, in the method's parameter order. */
export function inputChanges(method: CredentialMethod, running: CredentialInput, requested: CredentialInput): InputChange[] {
  const before = recordableInput(method, running);
  const after = recordableInput(method, requested);
  const changes: InputChange[] = [];
  for (const p of method.parameters) {
    const a = shown(before[p.key]);
    const b = shown(after[p.key]);
    if (a !== b) changes.push({ key: p.key, label: p.label, before: a, after: b });
  }
  return changes;
}

/** "Duration (seconds) 20 (was 900), Log context nb-2 (was (none))". */
export function describeChanges(changes: readonly InputChange[]): string {
  return changes.map((c) => `${c.label} ${c.after} (was ${c.before})`).join(', ');
}
