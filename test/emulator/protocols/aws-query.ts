// awsQuery: POST / with a form body (Action, Version, members; lists as Name.Member.N), XML out,
// errors in the <ErrorResponse> envelope.
import { ServiceError, type ErrorVocabulary } from '../errors';
import type { AwsRequest, Call, Operation, OperationContext, Reply, ServiceHandler } from '../service';
import { element, xmlDocument, type XmlValue } from '../xml';

export interface AwsQueryOptions {
  signingName: string;
  version: string;
  xmlns: string;
  /** Operations return the content of <OperationResult> as an XmlValue. */
  operations: Record<string, Operation>;
  errors: ErrorVocabulary;
}

const XML_HEADERS = (requestId: string): Record<string, string> => ({ 'content-type': 'text/xml', 'x-amzn-requestid': requestId });

/** Form members to params: `A=1` → {A:'1'}; `A.B.1=x&A.B.2=y` → {A:['x','y']}. */
export function parseQueryParams(form: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of form) {
    if (key === 'Action' || key === 'Version') continue;
    const list = /^([A-Za-z0-9]+)\.[A-Za-z0-9]+\.(\d+)$/.exec(key);
    if (list) {
      const items = (Array.isArray(params[list[1]]) ? params[list[1]] : []) as string[];
      items[Number(list[2]) - 1] = value;
      params[list[1]] = items;
    } else {
      params[key] = value;
    }
  }
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) params[key] = value.filter((v) => v !== undefined);
  }
  return params;
}

export function awsQueryService(options: AwsQueryOptions): ServiceHandler {
  const { errors, operations } = options;
  return {
    signingName: options.signingName,
    errors,
    operations: Object.keys(operations),
    parse(req: AwsRequest): Call {
      const form = new URLSearchParams(req.method === 'POST' ? req.body.toString('utf8') : req.query);
      const operation = form.get('Action');
      if (!operation) throw new ServiceError('MissingAction', 400, 'The request must contain the parameter Action.');
      if (!Object.hasOwn(operations, operation)) throw errors.unknownOperation(operation);
      if (form.get('Version') !== options.version) {
        throw new ServiceError('InvalidParameterValue', 400, `Version must be ${options.version}.`);
      }
      return { operation, params: parseQueryParams(form) };
    },
    invoke(call: Call, ctx: OperationContext): unknown {
      return operations[call.operation](call.params, ctx);
    },
    render(call: Call, result: unknown, requestId: string): Reply {
      const body = xmlDocument(
        `${call.operation}Response`,
        { [`${call.operation}Result`]: result as XmlValue, ResponseMetadata: { RequestId: requestId } },
        options.xmlns,
      );
      return { status: 200, headers: XML_HEADERS(requestId), body };
    },
    renderError(error: ServiceError, requestId: string): Reply {
      const body = xmlDocument(
        'ErrorResponse',
        { Error: { Type: error.faultType, Code: error.code, Message: error.message, ...error.fields }, RequestId: requestId },
        options.xmlns,
      );
      return { status: error.status, headers: XML_HEADERS(requestId), body };
    },
    malformed(call: Call, requestId: string): Reply {
      const open = `<${call.operation}Response xmlns="${options.xmlns}"><${call.operation}Result><DbUser>`;
      return { status: 200, headers: XML_HEADERS(requestId), body: `${open}${element('Unclosed', '<')}<<<` };
    },
  };
}

export function awsQueryErrors(): ErrorVocabulary {
  return {
    unknownKey: () => new ServiceError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.'),
    expiredToken: () => new ServiceError('ExpiredToken', 400, 'The security token included in the request is expired'),
    badSignature: () =>
      new ServiceError(
        'SignatureDoesNotMatch',
        403,
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      ),
    missingAuth: () => new ServiceError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token'),
    throttle: () => new ServiceError('Throttling', 400, 'Rate exceeded'),
    internal: () => new ServiceError('InternalFailure', 500, 'The request processing has failed because of an unknown error, exception or failure.'),
    unknownOperation: (operation) => new ServiceError('InvalidAction', 400, `The action ${operation} is not valid for this web service.`),
    invalid: (message) => new ServiceError('InvalidParameterValue', 400, message),
  };
}
