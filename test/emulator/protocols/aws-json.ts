// awsJson1_1: POST /, X-Amz-Target: <Prefix>.<Operation>, JSON in and out, errors as {__type, message}.
import { ServiceError, type ErrorVocabulary } from '../errors';
import type { AwsRequest, Call, Operation, OperationContext, Reply, ServiceHandler } from '../service';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface AwsJsonOptions {
  signingName: string;
  targetPrefix: string;
  operations: Record<string, Operation>;
  errors: ErrorVocabulary;
  /** The member name the service uses for error messages (EMR: Message; most others: message). */
  messageKey: 'Message' | 'message';
}

export function awsJsonService(options: AwsJsonOptions): ServiceHandler {
  const { errors, operations } = options;
  const headers = (requestId: string): Record<string, string> => ({ 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId });
  return {
    signingName: options.signingName,
    errors,
    operations: Object.keys(options.operations),
    parse(req: AwsRequest): Call {
      const target = String(req.headers['x-amz-target'] ?? '');
      const [prefix, operation = ''] = target.split('.');
      if (req.method !== 'POST' || prefix !== options.targetPrefix || !Object.hasOwn(operations, operation)) {
        throw errors.unknownOperation(operation || target);
      }
      let params: unknown;
      try {
        params = req.body.length ? JSON.parse(req.body.toString('utf8')) : {};
      } catch {
        throw new ServiceError('SerializationException', 400, 'The request body is not valid JSON.');
      }
      if (!params || typeof params !== 'object' || Array.isArray(params)) {
        throw new ServiceError('SerializationException', 400, 'The request body must be a JSON object.');
      }
      return { operation, params: params as Record<string, unknown> };
    },
    invoke(call: Call, ctx: OperationContext): unknown {
      return operations[call.operation](call.params, ctx);
    },
    render(_call: Call, result: unknown, requestId: string): Reply {
      return { status: 200, headers: headers(requestId), body: JSON.stringify(result ?? {}) };
    },
    renderError(error: ServiceError, requestId: string): Reply {
      const body = { __type: error.code, [options.messageKey]: error.message, ...error.fields };
      return { status: error.status, headers: headers(requestId), body: JSON.stringify(body) };
    },
    malformed(_call: Call, requestId: string): Reply {
      return { status: 200, headers: headers(requestId), body: '{"Credentials": {"UsernamePassword": {"Username": "x", "Pass' };
    },
  };
}

/** The auth and throttling vocabulary shared by awsJson services. */
export function awsJsonErrors(internal: (operation: string) => ServiceError, validationCode: string, throttleCode = 'ThrottlingException'): ErrorVocabulary {
  return {
    unknownKey: () => new ServiceError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.'),
    expiredToken: () => new ServiceError('ExpiredTokenException', 400, 'The security token included in the request is expired'),
    badSignature: () =>
      new ServiceError(
        'InvalidSignatureException',
        403,
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      ),
    missingAuth: () => new ServiceError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token'),
    throttle: () => new ServiceError(throttleCode, 400, 'Rate exceeded'),
    internal,
    unknownOperation: (operation) => new ServiceError('UnknownOperationException', 400, `Unknown operation ${operation}`),
    invalid: (message) => new ServiceError(validationCode, 400, message),
  };
}
