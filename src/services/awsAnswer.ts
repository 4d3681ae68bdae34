// Tells answers that are not from the AWS service apart from AWS's own, for every SDK client (added by cachedClient).
// A wrong `endpoint_url` or a proxy answers with HTML pages, 404s for routes the service does not have, API front
// door errors (MissingAuthenticationToken…, UnknownOperationException) or bodies in no AWS format; the SDK reports
// those as parse errors or as unmodeled service errors, which read as an AWS fault or a missing permission. They are
// turned into NotAwsAnswerError, which names the endpoint that answered.
import type { DeserializeMiddleware, MiddlewareStack, Pluggable } from '@smithy/types';
import { NotAwsAnswerError } from './errors';
import { BELOW_DESERIALIZER, bufferBody, type RawResponse } from './rawBody';
import { l10n } from '../l10n';

/** Error codes that API front doors answer for paths and operations they do not serve; no AWS API models them. */
const FRONT_DOOR_CODES = new Set(['MissingAuthenticationToken', 'MissingAuthenticationTokenException', 'UnknownOperationException']);

interface RawRequest {
  protocol?: string;
  hostname?: string;
  port?: number;
}

interface FailedCall {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: RawResponse;
}

/** The middleware pair for one client; `service` is the name users know the service by ("Amazon EMR on EKS"). */
export function awsAnswerCheck(service: string): Pluggable<object, object> {
  return {
    applyToStack(stack: MiddlewareStack<object, object>) {
      stack.add(rawAnswerCheck(service), { ...BELOW_DESERIALIZER, name: 'clusterPassRawAnswerCheck' });
      stack.add(parsedAnswerCheck(service), { step: 'deserialize', priority: 'high', name: 'clusterPassParsedAnswerCheck' });
    },
  };
}

/** Below the deserializer: HTML pages and bodies in no AWS format never reach it. */
function rawAnswerCheck(service: string): DeserializeMiddleware<object, object> {
  return (next) => async (args) => {
    const result = await next(args);
    const response = result.response as RawResponse;
    const what = foreignBody(response, await bufferBody(response));
    if (what) throw new NotAwsAnswerError(service, endpointOf(args.request as RawRequest), response.statusCode ?? 0, what);
    return result;
  };
}

/** Above the deserializer: the error codes and 404s that no AWS API of ours answers with. */
function parsedAnswerCheck(service: string): DeserializeMiddleware<object, object> {
  return (next) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      const e = (error ?? {}) as FailedCall;
      const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? 0;
      const code = e.name ?? e.Code ?? '';
      const url = endpointOf(args.request as RawRequest);
      if (FRONT_DOOR_CODES.has(code)) throw new NotAwsAnswerError(service, url, status, code);
      // Every 404 these APIs model is a "not found" error (Redshift's ClusterNotFound); any other is a route they lack.
      if (status === 404 && !/NotFound/.test(code)) throw new NotAwsAnswerError(service, url, status, l10n.t('a route the service does not have'));
      throw error;
    }
  };
}

/** Why a body is not an AWS answer ("an HTML page"), or undefined when it may be one (JSON, XML or empty). */
export function foreignBody(response: RawResponse | undefined, bytes: Uint8Array): string | undefined {
  const type = headerOf(response, 'content-type') ?? '';
  const start = Buffer.from(bytes.subarray(0, 256)).toString('utf8').trimStart();
  if (/text\/html/i.test(type) || /^<(!doctype html|html|head|body)\b/i.test(start)) return l10n.t('an HTML page');
  if (start !== '' && !/^[{[<]/.test(start)) return l10n.t('a body that is neither JSON nor XML');
  return undefined;
}

function headerOf(response: RawResponse | undefined, name: string): string | undefined {
  const headers = response?.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** scheme://host[:port] of the request: the endpoint the user's configuration (or the SDK's default) chose. */
function endpointOf(request: RawRequest | undefined): string {
  if (!request?.hostname) return l10n.t('the configured endpoint');
  const port = request.port ? `:${request.port}` : '';
  return `${request.protocol ?? 'https:'}//${request.hostname}${port}`;
}
