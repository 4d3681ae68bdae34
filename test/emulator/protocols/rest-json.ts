// restJson1: operations are routes (method + path template); labels, query and JSON body become params.
// Errors carry their code in the X-Amzn-Errortype header and {message} in the body.
import { ServiceError, type ErrorVocabulary } from '../errors';
import type { AwsRequest, Call, Operation, OperationContext, Reply, ServiceHandler } from '../service';

export interface Route {
  method: string;
  /** e.g. /virtualclusters/{virtualClusterId}/endpoints/{endpointId} */
  path: string;
  operation: string;
  /** Query members that may repeat (lists). */
  listQuery?: string[];
}

export interface RestJsonOptions {
  signingName: string;
  routes: Route[];
  operations: Record<string, Operation>;
  errors: ErrorVocabulary;
}

const JSON_HEADERS = (requestId: string): Record<string, string> => ({ 'content-type': 'application/json', 'x-amzn-requestid': requestId });

function matchRoute(route: Route, method: string, segments: string[]): Record<string, string> | undefined {
  if (route.method !== method) return undefined;
  const template = route.path.split('/').filter(Boolean);
  if (template.length !== segments.length) return undefined;
  const labels: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const label = /^\{(\w+)\}$/.exec(template[i]);
    if (label) labels[label[1]] = segments[i];
    else if (template[i] !== segments[i]) return undefined;
  }
  return labels;
}

export function restJsonService(options: RestJsonOptions): ServiceHandler {
  const { errors, operations } = options;
  return {
    signingName: options.signingName,
    errors,
    operations: Object.keys(operations),
    parse(req: AwsRequest): Call {
      let segments: string[];
      try {
        segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
      } catch {
        throw errors.invalid('The request path is not valid.');
      }
      for (const route of options.routes) {
        const labels = matchRoute(route, req.method, segments);
        if (!labels) continue;
        const params: Record<string, unknown> = {};
        for (const key of new Set(req.query.keys())) {
          params[key] = route.listQuery?.includes(key) ? req.query.getAll(key) : req.query.get(key);
        }
        if (req.body.length) {
          let body: unknown;
          try {
            body = JSON.parse(req.body.toString('utf8'));
          } catch {
            throw new ServiceError('SerializationException', 400, 'The request body is not valid JSON.');
          }
          if (!body || typeof body !== 'object' || Array.isArray(body)) throw errors.invalid('The request body must be a JSON object.');
          Object.assign(params, body);
        }
        Object.assign(params, labels);
        return { operation: route.operation, params };
      }
      throw errors.unknownOperation(`${req.method} ${req.path}`);
    },
    invoke(call: Call, ctx: OperationContext): unknown {
      return operations[call.operation](call.params, ctx);
    },
    render(_call: Call, result: unknown, requestId: string): Reply {
      return { status: 200, headers: JSON_HEADERS(requestId), body: JSON.stringify(result ?? {}) };
    },
    renderError(error: ServiceError, requestId: string): Reply {
      return {
        status: error.status,
        headers: { ...JSON_HEADERS(requestId), 'x-amzn-errortype': error.code },
        body: JSON.stringify({ message: error.message, ...error.fields }),
      };
    },
    malformed(_call: Call, requestId: string): Reply {
      return { status: 200, headers: JSON_HEADERS(requestId), body: '{"id": "abc", "credentials": {"token": ' };
    },
  };
}
