// A modeled error an operation answers with; each protocol renders it in its own wire shape.

export class ServiceError extends Error {
  constructor(
    /** The error code / shape name, e.g. ValidationException, ClusterNotFound. */
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra members of the error shape (e.g. EMR's ErrorCode). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }

  /** awsQuery's <Type>: Receiver for server faults, Sender otherwise. */
  get faultType(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** How one service names its common errors (auth, throttling, internal failure, validation). */
export interface ErrorVocabulary {
  unknownKey(): ServiceError;
  /** Temporary credentials (a session token) past their expiration. */
  expiredToken(): ServiceError;
  badSignature(): ServiceError;
  missingAuth(): ServiceError;
  /** The throttling error `operation` answers (some APIs model their own). */
  throttle(operation: string): ServiceError;
  internal(operation: string): ServiceError;
  unknownOperation(operation: string): ServiceError;
  invalid(message: string): ServiceError;
}
