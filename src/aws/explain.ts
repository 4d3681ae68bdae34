// Turns any error from a listing or a credential call into what the user can do next.
// Service-specific errors are explained by the service module (CredentialMethod.explainError);
// this file knows only what every AWS API shares, so it names no service.
import { l10n } from '../l10n';
import { parseDiscoveredProfile, ssoSignInArgs } from './discovered';
import { IncompleteResponseError, InvalidInputError, NotAwsAnswerError, UnsupportedCredentialError } from '../services/errors';

/** What an error row or message offers next. */
export const NEXT_STEPS = ['retry', 'refresh', 'signIn', 'configure', 'none'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export interface Explanation {
  readonly message: string;
  readonly next: NextStep;
  /** True when the user cancelled: nothing to report. */
  readonly cancelled?: boolean;
}

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: 'client' | 'server';
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException', 'AuthorizationError']);
const BAD_KEYS = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidSignatureException', 'IncompleteSignature', 'InvalidAccessKeyId']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'RequestThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'TimeoutError']);

export interface ExplainContext {
  /** What was being done, for the sentence ("Getting credentials for j-1ABC"). */
  readonly doing: string;
  readonly profile: string;
  /** IAM actions the call needs, named on access denied. */
  readonly iamActions: readonly string[];
  /** The service module's own explanation, tried first. */
  readonly specific?: (error: unknown) => string | undefined;
}

export function explainError(error: unknown, ctx: ExplainContext): Explanation {
  const e = (error ?? {}) as AwsLikeError;
  const name = e.name ?? e.Code ?? '';
  const code = e.code ?? '';

  if (name === 'AbortError' || name === 'CancellationError' || code === 'ABORT_ERR') {
    return { message: l10n.t('{0}: cancelled.', ctx.doing), next: 'none', cancelled: true };
  }
  // By name too (the name each class sets): these are thrown in the AWS bundle, and this file may run in another bundle
  // with its own copies of the classes.
  if (is(error, InvalidInputError, 'InvalidInputError')) return { message: `${ctx.doing}: ${error.message}`, next: 'none' };
  if (is(error, UnsupportedCredentialError, 'UnsupportedCredentialError') || is(error, IncompleteResponseError, 'IncompleteResponseError')) {
    return { message: `${ctx.doing}: ${error.message}`, next: 'none' };
  }
  if (is(error, NotAwsAnswerError, 'NotAwsAnswerError')) {
    // Neither AWS's fault nor a permission: whatever answers at that address is not the service.
    const { url, service, status, what } = error;
    return {
      message: l10n.t('{0}: the endpoint at {1} did not answer as {2} would ({3}), so the answer was not from AWS: check endpoint_url in profile "{4}", or a proxy.',
        ctx.doing, url, service, `${status ? `HTTP ${status}, ` : ''}${what}`, ctx.profile),
      next: 'configure',
    };
  }
  const specific = ctx.specific?.(error);
  if (specific) return { message: `${ctx.doing}: ${specific}`, next: isRetryable(e) ? 'retry' : 'refresh' };

  if (ACCESS_DENIED.has(name) || (e.$metadata?.httpStatusCode === 403 && !BAD_KEYS.has(name) && !EXPIRED.has(name))) {
    // Refusals while getting the profile's credentials (assume-role) say what failed; name that, not the call's actions.
    if (/MultiFactorAuthentication failed/i.test(e.message ?? '')) {
      return { message: l10n.t("{0}: AWS did not accept the MFA code for profile \"{1}\" ({2}). Enter the current code from the profile's MFA device (mfa_serial) and retry; if it keeps failing, check that the role's trust policy allows sts:AssumeRole with MFA.", ctx.doing, ctx.profile, firstLine(e.message)), next: 'retry' };
    }
    const named = /not authorized to perform: ([\w-]+:\w+)(?: on resource: (\S+))?/.exec(e.message ?? '');
    const needed = named ? [named[2] ? `${named[1]} on ${named[2]}` : named[1]] : ctx.iamActions;
    const actions = needed.length ? ' ' + l10n.t('It needs permission for {0}.', needed.join(', ')) : '';
    // Without the role the profile names, nothing else can work: that is a configuration problem, not one call's.
    const next: NextStep = named?.[1] === 'sts:AssumeRole' ? 'configure' : 'none';
    return { message: l10n.t('{0}: access denied for profile "{1}".{2} Ask your administrator to allow it, or choose another profile or role.', ctx.doing, ctx.profile, actions), next };
  }
  if (EXPIRED.has(name) || isExpiredSignIn(e)) {
    return { message: l10n.t('{0}: the sign-in for profile "{1}" has expired. Sign in again (for SSO: {2}), then retry.', ctx.doing, ctx.profile, ssoLoginCommand(ctx.profile)), next: 'signIn' };
  }
  if (BAD_KEYS.has(name)) {
    return { message: l10n.t('{0}: AWS did not accept the credentials of profile "{1}" ({2}). Check its access key and secret, or sign in again.', ctx.doing, ctx.profile, name), next: 'signIn' };
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials|Unable to find|profile .* not found|no credentials/i.test(e.message ?? '')) {
    return { message: l10n.t('{0}: no credentials for profile "{1}". {2} Configure the profile (aws configure --profile {1}) or sign in, then retry.', ctx.doing, ctx.profile, firstLine(e.message)), next: 'configure' };
  }
  if (THROTTLED.has(name)) {
    return { message: l10n.t('{0}: AWS is throttling requests and still refused after retries. Wait a moment and retry.', ctx.doing), next: 'retry' };
  }
  if (name === 'TimeoutError' || /timed out|exceeded the configured .* requestTimeout/i.test(e.message ?? '')) {
    return { message: l10n.t('{0}: AWS did not answer in time (the request timed out, also after retries). Check your network or VPN, then retry.', ctx.doing), next: 'retry' };
  }
  if (NETWORK.has(code) || NETWORK.has(name) || /socket hang up|getaddrinfo|connect ECONNREFUSED|network/i.test(e.message ?? '')) {
    return { message: l10n.t('{0}: could not reach AWS ({1}). Check your network, proxy or VPN, then retry.', ctx.doing, code || name || 'network error'), next: 'retry' };
  }
  if (e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500) {
    return { message: l10n.t("{0}: AWS had an internal error ({1}). This is on AWS's side; retry in a moment.", ctx.doing, name || 'server error'), next: 'retry' };
  }
  if (e instanceof SyntaxError || /Deserialization error|Unexpected token|not valid JSON|XML/i.test(e.message ?? '')) {
    return { message: l10n.t('{0}: AWS sent a response that could not be read. Retry; if it persists, check for a proxy that alters responses.', ctx.doing), next: 'retry' };
  }
  const detail = firstLine(e.message) || 'unknown error';
  // A JavaScript error's class name (TypeError, RangeError…) means nothing to the user; an AWS error code does.
  const shown = name && name !== 'Error' && !JS_ERRORS.has(name) ? `${name}: ` : '';
  return { message: `${ctx.doing}: ${shown}${detail}`, next: 'retry' };
}

const JS_ERRORS = new Set(['SyntaxError', 'TypeError', 'RangeError', 'ReferenceError', 'EvalError', 'URIError']);

function is<T extends Error>(error: unknown, type: new (...args: never[]) => T, name: string): error is T {
  return error instanceof type || (error instanceof Error && error.name === name);
}

function isRetryable(e: AwsLikeError): boolean {
  return e.$fault === 'server' || THROTTLED.has(e.name ?? '');
}

function isExpiredSignIn(e: AwsLikeError): boolean {
  return /token (has )?expired|session.*expired|SSO session|refresh.*token/i.test(e.message ?? '');
}

function firstLine(text?: string): string {
  return (text ?? '').split('\n')[0].trim();
}

/**
 * The `aws sso login` that signs a profile in again. A discovered role (`sso:SOURCE/ACCOUNT/ROLE`) is no profile the
 * AWS CLI knows: its sign-in is the Identity Center session's (or, for a legacy source, that profile's).
 */
function ssoLoginCommand(profile: string): string {
  const role = parseDiscoveredProfile(profile);
  return role ? `aws ${ssoSignInArgs(role.sourceId).join(' ')}` : `aws sso login --profile ${profile}`;
}
