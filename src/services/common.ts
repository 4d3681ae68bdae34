// Helpers shared by service modules: request options, AWS error shapes, and seed constraints used by
// more than one service.
import { IncompleteResponseError, InvalidInputError, UnsupportedCredentialError } from './errors';
import { length, pattern, required, type Rule, all } from '../validation/rules';
import type { AwsContext, CredentialInput, InputValue, StateCategory, Target, TargetPage } from './types';
import { l10n } from '../l10n';

/**
 * One page of targets from an SDK paginator started at the caller's token: the tree loads page by page.
 * `keep` drops targets the API cannot filter out itself.
 */
export async function firstPage<P, I>(
  pages: AsyncIterable<P>,
  read: (page: P) => { items: readonly I[] | undefined; next: string | undefined },
  toTarget: (item: I) => Target | undefined,
  keep: (target: Target) => boolean = () => true,
): Promise<TargetPage> {
  for await (const page of pages) {
    const { items, next } = read(page);
    const targets = (items ?? []).map(toTarget).filter((t): t is Target => t !== undefined && keep(t));
    return { targets, next: next || undefined };
  }
  return { targets: [] };
}

/** A state→category function from a table of the service's state words; any other state is 'inactive'. */
export function stateCategories(table: Partial<Record<Exclude<StateCategory, 'inactive'>, readonly string[]>>): (state: string | undefined) => StateCategory {
  const byState = new Map<string, StateCategory>();
  for (const [category, states] of Object.entries(table) as [StateCategory, readonly string[]][]) for (const state of states) byState.set(state, category);
  return (state) => (state !== undefined && byState.get(state)) || 'inactive';
}

/** Second argument of `client.send`: always carries the cancel signal. */
export function sendOptions(ctx: AwsContext): { abortSignal?: AbortSignal } {
  return ctx.signal ? { abortSignal: ctx.signal } : {};
}

/** The fields of an SDK service exception that explanations read. */
export interface AwsErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly Code?: string;
  readonly ErrorCode?: string;
  readonly Message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

export function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const e = error as AwsErrorLike;
  return e.name ?? e.Code ?? '';
}

/** AWS's own message for an error, on one line and bounded (it explains which field, never holds a secret we sent). */
export function awsMessage(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const e = error as AwsErrorLike;
  const text = (e.Message ?? e.message ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** `text.` with a final period added when missing. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** 403s that are not about permissions: the caller's keys or session are not accepted (sign in again instead). */
const NOT_A_PERMISSION = /^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|InvalidSignatureException|IncompleteSignature|InvalidAccessKeyId|ExpiredToken|ExpiredTokenException|RequestExpired)$/;

export function isAccessDenied(error: unknown): boolean {
  const name = errorName(error);
  const status = (error as AwsErrorLike | undefined)?.$metadata?.httpStatusCode;
  return /AccessDenied|UnauthorizedOperation|NotAuthorized/.test(name) || (status === 403 && !NOT_A_PERMISSION.test(name));
}

/**
 * A tagged-union member of an SDK response: the member's value, or UnsupportedCredentialError for a member
 * this version does not know (`$unknown`), or IncompleteResponseError when the union is missing.
 */
export function unionMember<T>(union: unknown, member: string, operation: string, field: string): T {
  if (typeof union !== 'object' || union === null) throw new IncompleteResponseError(operation, field);
  const u = union as Record<string, unknown>;
  if (u[member] !== undefined && u[member] !== null) return u[member] as T;
  const unknown = u.$unknown;
  if (Array.isArray(unknown) && typeof unknown[0] === 'string') throw new UnsupportedCredentialError(unknown[0], operation);
  const other = Object.keys(u).find((k) => k !== member && u[k] !== undefined);
  if (other) throw new UnsupportedCredentialError(other, operation);
  throw new IncompleteResponseError(operation, `${field}.${member}`);
}

export function requireField<T>(value: T | undefined | null, operation: string, field: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && value === '')) throw new IncompleteResponseError(operation, field);
  return value;
}

/** A value as a string for a request, or undefined when empty. */
export function textInput(value: InputValue): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  return value.trim() === '' ? undefined : value;
}

// IAM role ARN, exactly as EMR on EKS publishes it for executionRoleArn (seed 003): a partition starting
// with "aws", IAM, an optional 12-digit account, and role/ with an optional path.
export const ROLE_ARN_PATTERN = /^arn:(aws[a-zA-Z0-9-]*):iam::(\d{12})?:(role((\u002F)|(\u002F[\u0021-\u007F]+\u002F))[\w+=,.@-]+)$/;

const ROLE_ARN_LOOK = l10n.t('Must look like arn:aws:iam::123456789012:role/NAME (an IAM role ARN; the role name may use letters, digits and + = , . @ _ -).');

/** An IAM role ARN of 20–2048 characters matching ROLE_ARN_PATTERN; the first rules name the likeliest slip. */
export const roleArnRules: Rule = all(
  length(20, 2048),
  pattern(/^arn:/, l10n.t('Must start with "arn:", as in arn:aws:iam::123456789012:role/NAME.')),
  pattern(/^arn:aws[a-zA-Z0-9-]*:iam:/, l10n.t('Must be an IAM ARN in an AWS partition: arn:aws:iam::123456789012:role/NAME.')),
  pattern(/^arn:[^:]*:iam::[^:]*:role\//, l10n.t('Must be a role ARN: after the account comes "role/", as in arn:aws:iam::123456789012:role/NAME.')),
  pattern(ROLE_ARN_PATTERN, ROLE_ARN_LOOK),
);

export const requiredRoleArn: Rule = required(roleArnRules);

/**
 * Validates the target and every declared parameter again right before sending (the prompt validated them
 * already; this keeps a bad value from ever reaching AWS through another path, such as a renew).
 */
export function checkBeforeSend(
  method: { readonly parameters: readonly { readonly key: string; readonly label: string; validate(value: InputValue): string | undefined }[]; validateTarget?(target: Target): string | undefined },
  target: Target,
  input: CredentialInput,
): void {
  const targetProblem = method.validateTarget?.(target);
  if (targetProblem) throw new InvalidInputError(target.name || target.id, targetProblem);
  for (const p of method.parameters) {
    const problem = p.validate(input[p.key]);
    if (problem) throw new InvalidInputError(p.label, problem);
  }
}
