// Asks for a credential method's parameters, one input at a time, generic over ParameterSpec.
// Every keystroke is validated with the spec's own rule, so invalid input never leaves the box.
import type * as vscode from 'vscode';
import { l10n } from '../l10n';
import type { CredentialInput, CredentialMethod, InputValue, ParameterSpec, Target } from '../services/types';
import type { RecentValues } from './recentValues';

export type PromptWindow = Pick<typeof vscode.window, 'showInputBox' | 'showQuickPick'>;

export interface PromptDeps {
  readonly window: PromptWindow;
  readonly recent: RecentValues;
  /** Reads a `clusterPass.*` setting (for `settingDefault`). */
  setting(key: string): unknown;
}

// A function, not a constant: the text is translated once vscode.l10n is handed over, after this module loads.
const NEW_VALUE = () => l10n.t('$(add) Enter a new value…');

/** Collects every parameter; undefined when the user pressed Escape. */
export async function promptForInput(deps: PromptDeps, method: CredentialMethod, target: Target): Promise<CredentialInput | undefined> {
  const input: Record<string, InputValue> = {};
  const steps = method.parameters.length;
  for (const [index, spec] of method.parameters.entries()) {
    const title = l10n.t('{0}: {1} ({2}/{3})', method.label, target.name, index + 1, steps);
    const value = await promptOne(deps, spec, target, title);
    if (value === CANCELLED) return undefined;
    input[spec.key] = value;
  }
  for (const spec of method.parameters) {
    const value = input[spec.key];
    if (spec.remember && typeof value === 'string') await deps.recent.remember(target, spec.key, value);
  }
  return input;
}

const CANCELLED = Symbol('cancelled');

async function promptOne(deps: PromptDeps, spec: ParameterSpec, target: Target, title: string): Promise<InputValue | typeof CANCELLED> {
  const initial = defaultFor(deps, spec, target);
  if (spec.type === 'boolean') return promptBoolean(deps, spec, title, initial === true);
  if (spec.remember) {
    const chosen = await pickRemembered(deps, spec, target, title, initial);
    if (chosen === CANCELLED) return CANCELLED;
    if (chosen !== undefined) return chosen;
  }
  const text = await deps.window.showInputBox({
    title,
    prompt: spec.prompt,
    placeHolder: spec.placeholder ?? (spec.required ? spec.label : l10n.t('{0} (optional: leave empty)', spec.label)),
    value: initial === undefined ? '' : Array.isArray(initial) ? initial.join(', ') : String(initial),
    ignoreFocusOut: true,
    validateInput: (raw) => spec.validate(parse(spec, raw)),
  });
  return text === undefined ? CANCELLED : parse(spec, text);
}

/** Offers values used before for this target (and the target's own suggestion); undefined means "type a new one". */
async function pickRemembered(deps: PromptDeps, spec: ParameterSpec, target: Target, title: string, suggestion: InputValue): Promise<string | undefined | typeof CANCELLED> {
  const values = deps.recent.get(target, spec.key);
  if (typeof suggestion === 'string' && suggestion && !values.includes(suggestion)) values.push(suggestion);
  const valid = values.filter((v) => !spec.validate(v));
  if (!valid.length) return undefined;
  const items: { label: string; description: string; value?: string }[] = [
    ...valid.map((v) => ({ label: v, description: v === suggestion ? l10n.t('suggested by the target') : l10n.t('used before'), value: v })),
    { label: NEW_VALUE(), description: '' },
  ];
  const picked = await deps.window.showQuickPick(items, { title, placeHolder: l10n.t('{0}: pick one or enter a new value', spec.label), ignoreFocusOut: true });
  if (!picked) return CANCELLED;
  return picked.value;
}

async function promptBoolean(deps: PromptDeps, spec: ParameterSpec, title: string, initial: boolean): Promise<boolean | typeof CANCELLED> {
  const yes = { label: l10n.t('Yes'), picked: initial };
  const no = { label: l10n.t('No'), picked: !initial };
  const picked = await deps.window.showQuickPick(initial ? [yes, no] : [no, yes], { title, placeHolder: l10n.t('{0}? {1}', spec.label, spec.prompt), ignoreFocusOut: true });
  return picked ? picked === yes : CANCELLED;
}

function defaultFor(deps: PromptDeps, spec: ParameterSpec, target: Target): InputValue {
  const fromTarget = spec.defaultValue?.(target);
  if (fromTarget !== undefined && fromTarget !== '') return fromTarget;
  if (spec.settingDefault) {
    const configured = deps.setting(spec.settingDefault);
    if (configured !== undefined && configured !== '') return configured as InputValue;
  }
  return undefined;
}

/** Turns typed text into the parameter's type; empty text means "not given". Text that is not a number stays text, so the rule can say why. */
export function parse(spec: ParameterSpec, raw: string): InputValue {
  const trimmed = raw.trim();
  switch (spec.type) {
    case 'integer':
      if (trimmed === '') return undefined;
      return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : raw;
    case 'list':
      return trimmed === '' ? undefined : raw.split(',').map((s) => s.trim());
    default:
      return raw === '' ? undefined : raw;
  }
}
