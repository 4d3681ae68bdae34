// Errors a service module throws for conditions the generic code explains to the user.

/** AWS answered with a credential union member this version does not know (the SDK's `$unknown`). */
export class UnsupportedCredentialError extends Error {
  constructor(readonly member: string, readonly operation: string) {
    super(`${operation} returned a credential type ("${member}") that this version of Cluster Pass does not support. Update Cluster Pass, or use the AWS CLI for this target.`);
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
    super(`${operation} answered without ${missing}. Try again; if it persists, AWS may be having problems.`);
    this.name = 'IncompleteResponseError';
  }
}
