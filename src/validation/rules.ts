// Small composable validators for prompt input. They run on every keystroke (validateInput), so they are
// pure, synchronous and cheap. Each returns a message that says what is wrong and what is allowed, or
// undefined when the value is fine. Messages never echo a whole value back, only short facts about it
// (its length, a reserved word, a bad character), so nothing long or sensitive ends up in the UI twice.
import { l10n } from '../l10n';
import type { InputValue } from '../services/types';

export type Rule = (value: InputValue) => string | undefined;

/** Length in Unicode code points, as AWS length constraints count (not UTF-16 units). */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function isEmpty(value: InputValue): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function asText(value: InputValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Runs rules in order; the first message wins. */
export function all(...rules: readonly Rule[]): Rule {
  return (value) => {
    for (const rule of rules) {
      const problem = rule(value);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** Empty (undefined, '', only spaces, []) is fine; anything else must pass the rules. */
export function optional(...rules: readonly Rule[]): Rule {
  const inner = all(...rules);
  return (value) => (isEmpty(value) ? undefined : inner(value));
}

/** Must be given: not empty or only spaces; then the rules. */
export function required(...rules: readonly Rule[]): Rule {
  const inner = all(...rules);
  return (value) => (isEmpty(value) ? l10n.t('Must not be empty or only spaces.') : inner(value));
}

/** Text of min–max code points. */
export function length(min: number, max: number): Rule {
  return (value) => {
    const text = asText(value);
    if (text === undefined) return l10n.t('Must be text of {0}–{1} characters.', min, max);
    const n = charLength(text);
    if (n < min || n > max) return min === max ? l10n.t('Must be exactly {0} (it is {1}).', plural(min, 'character'), n) : l10n.t('Must be {0}–{1} characters (it is {2}).', min, max, n);
    return undefined;
  };
}

/**
 * The whole text must match `re`; `description` says what is allowed ("Must look like arn:aws:iam::…").
 * Pass anchored patterns; a global or sticky flag would make `test` stateful, so it is refused.
 */
export function pattern(re: RegExp, description: string): Rule {
  if (re.global || re.sticky) throw new Error('pattern(): use a regular expression without the g or y flag');
  return (value) => {
    const text = asText(value);
    if (text === undefined || !re.test(text)) return description;
    return undefined;
  };
}

/** A check with its own message, for conditions a pattern would describe poorly. */
export function check(ok: (text: string) => boolean, message: string): Rule {
  return (value) => {
    const text = asText(value);
    return text !== undefined && ok(text) ? undefined : message;
  };
}

/** Must contain a character other than whitespace (AWS's `.*\S.*`). */
export const notBlank: Rule = (value) => {
  const text = asText(value);
  return text !== undefined && /\S/.test(text) ? undefined : l10n.t('Must not be empty or only spaces.');
};

/**
 * A whole number from min to max. Accepts a number or its decimal digits as typed (surrounding spaces
 * allowed); refuses fractions, exponents, signs other than a leading minus, and digit strings too long to
 * be exact.
 */
export function integerRange(min: number, max: number, unit?: string): Rule {
  return (value) => {
    const n = toInteger(value);
    const allowed = unit ? l10n.t('Must be a whole number of {0} from {1} to {2}', unit, min, max) : l10n.t('Must be a whole number from {0} to {1}', min, max);
    if (n === undefined) return `${allowed}.`;
    if (n < min || n > max) return l10n.t('{0} (it is {1}).', allowed, n);
    return undefined;
  };
}

/** The integer a prompt value stands for, or undefined when it is not a whole number. */
export function toInteger(value: InputValue): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!/^-?\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

/** One of a fixed set of values (exact, case-sensitive). */
export function oneOf(values: readonly string[]): Rule {
  const set = new Set(values);
  return (value) => {
    const text = asText(value);
    return text !== undefined && set.has(text) ? undefined : l10n.t('Must be one of: {0}.', values.join(', '));
  };
}

/** Not one of the given words, compared case-insensitively (SQL keywords are). */
export function notReserved(words: ReadonlySet<string>, what = 'a reserved word'): Rule {
  return (value) => {
    const text = asText(value);
    if (text !== undefined && words.has(text.toUpperCase())) return l10n.t('"{0}" is {1}; choose another name.', text, what);
    return undefined;
  };
}

/** Must be true or false (a prompt's yes/no). */
export const boolean: Rule = (value) => (value === undefined || typeof value === 'boolean' ? undefined : l10n.t('Must be yes or no.'));

/**
 * A list given as an array or as comma-separated text: each item must pass `rule`, at most `maxItems`
 * items, and no item twice. The message names the item by position.
 */
export function eachOf(rule: Rule, options: { readonly maxItems?: number; readonly itemName?: string } = {}): Rule {
  const name = options.itemName ?? 'item';
  return (value) => {
    const items = toList(value);
    if (items === undefined) return l10n.t('Must be a list of {0}s separated by commas.', name);
    if (options.maxItems !== undefined && items.length > options.maxItems) {
      return l10n.t('At most {0} (there are {1}).', plural(options.maxItems, name), items.length);
    }
    const seen = new Set<string>();
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const problem = rule(item);
      if (problem) return l10n.t('{0} {1} ("{2}"): {3}', capitalize(name), i + 1, item, problem);
      if (seen.has(item)) return l10n.t('{0} {1} ("{2}") is listed twice; list each once.', capitalize(name), i + 1, item);
      seen.add(item);
    }
    return undefined;
  };
}

/**
 * The items of a list value: an array as is, or text split on commas with surrounding spaces removed and
 * empty pieces dropped (so "a, b," is ["a", "b"]). Undefined for values that are not a list.
 */
export function toList(value: InputValue): readonly string[] | undefined {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value as readonly string[];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return undefined;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
