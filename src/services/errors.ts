// Errors a service module throws for conditions the generic code explains to the user.
import { l10n } from '../l10n';

/** AWS answered with a credential union member this version does not know (the SDK's `$unknown`). */
export class UnsupportedCredentialError extends Error {
  constructor(readonly member: string, readonly operation: string) {
    super(l10n.t('{0} returned a credential type ("{1}") that this version of Cluster Pass does not support. Update Cluster Pass, or use the AWS CLI for this target.', operation, member));
    this.name = 'UnsupportedCredentialError';
  }
}

/** A value failed validation before any request was sent. */
export class InvalidInputError extends Error {
  constructor(readonly field: string, readonly problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'InvalidInputError';
  }
}

/** AWS answered without a field the credential needs (a malformed or truncated response). */
export class IncompleteResponseError extends Error {
  constructor(readonly operation: string, readonly missing: string) {
    super(l10n.t('{0} answered without {1}. Try again; if it persists, AWS may be having problems.', operation, missing));
    this.name = 'IncompleteResponseError';
  }
}

/**
 * What came back was not an answer of the AWS service: an HTML page (a proxy, a wrong `endpoint_url`), a 404 for a
 * route the service does not have, `MissingAuthenticationToken`/`UnknownOperationException` (what API front doors say
 * for a path they do not serve), or a body in none of AWS's formats.
 */
export class NotAwsAnswerError extends Error {
  constructor(
    /** The service it should have been, as users know it ("Amazon EMR on EKS"). */
    readonly service: string,
    /** The endpoint that answered (scheme, host and port). */
    readonly url: string,
    readonly status: number,
    /** What came back instead, for the message ("an HTML page"). */
    readonly what: string,
  ) {
    super(l10n.t('The endpoint at {0} did not answer as {1} would (HTTP {2}, {3}).', url, service, status, what));
    this.name = 'NotAwsAnswerError';
  }
}
