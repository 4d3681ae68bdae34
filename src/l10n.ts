// vscode.l10n for logic modules, which take the vscode API from the wiring layer instead of importing it.
// Activation hands the real one over (useL10n(vscode.l10n)). Each bundle (extension.js, the lazily loaded aws.js and
// jupyter.js) has its own copy of this module, so the translator is kept in one process-wide place that every copy
// reads at call time: a message in a module-level constant of a bundle required after activation is translated too.
// Until then, and in unit tests, messages are English with their {0} / {name} placeholders filled in, as
// vscode.l10n.t does when no translation is loaded.
import type * as vscode from 'vscode';

export type L10n = Pick<typeof vscode.l10n, 't'>;

type Args = readonly (string | number | boolean)[] | [Record<string, unknown>];

/** Where useL10n keeps the translator: shared by every copy of this module in the process (Symbol.for is global). */
const TRANSLATOR = Symbol.for('cluster-pass/l10n-translator');
type Shared = typeof globalThis & { [TRANSLATOR]?: L10n };

export const l10n: L10n = {
  t: ((...args: unknown[]) => {
    const translate = ((globalThis as Shared)[TRANSLATOR]?.t ?? english) as (...a: unknown[]) => string;
    return translate(...args);
  }) as L10n['t'],
};

/** Makes every copy of this module translate with `source` (vscode.l10n) from now on. */
export function useL10n(source: L10n): void {
  (globalThis as Shared)[TRANSLATOR] = { t: source.t.bind(source) };
}

function english(first: string | { message: string; args?: Args[number][] | Record<string, unknown> }, ...rest: Args): string {
  const message = typeof first === 'string' ? first : first.message;
  const args = typeof first === 'string' ? rest : (first.args ?? []);
  const list = Array.isArray(args) ? (args as readonly unknown[]) : [args];
  const named = list.length === 1 && typeof list[0] === 'object' && list[0] !== null ? (list[0] as Record<string, unknown>) : undefined;
  return message.replace(/\{([^{}]+)\}/g, (whole, key: string) => {
    const value = named ? named[key] : list[Number(key)];
    return value === undefined ? whole : String(value);
  });
}
