// What today's EMR on EKS API sends that the installed SDK client drops. The npm registry reachable here serves
// @aws-sdk/client-emr-containers only at 3.623.0, whose model lacks GetManagedEndpointSessionCredentials'
// `endpointCredentials` and Endpoint's `authProxyUrl`; the current AWS model (../shared/aws-models/emr-containers)
// has both. This file reads them from the raw JSON body, beside the SDK's own parsing.
//
// Remove it once the SDK client models both members: send the commands with `client.send` again and read
// `output.endpointCredentials` and `endpoint.authProxyUrl` from the SDK's output.
import type { DeserializeMiddleware } from '@smithy/types';
import { BELOW_DESERIALIZER, bufferBody, type RawResponse } from './rawBody';

interface SendsCommands<C> {
  send(command: C, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/**
 * Sends `command` and also returns its successful answer's JSON body as AWS sent it. The body is read by a
 * middleware below the SDK's deserializer, which still parses it as usual; any body that is not a JSON object reads
 * as undefined, and the SDK's own parsing and errors apply unchanged.
 */
// (Structural types: the client package carries its own copy of @smithy/types.)
export async function sendKeepingJsonBody<C extends { middlewareStack: { add(middleware: never, options: never): void } }, O>(
  client: SendsCommands<C>,
  command: C,
  options?: { abortSignal?: AbortSignal },
): Promise<{ output: O; body: Record<string, unknown> | undefined }> {
  let body: Record<string, unknown> | undefined;
  const keep: DeserializeMiddleware<object, object> = (next) => async (args) => {
    const result = await next(args);
    // Every attempt (retries included) replaces what an earlier attempt kept.
    body = undefined;
    const response = result.response as RawResponse;
    const status = response?.statusCode ?? 0;
    if (status >= 200 && status < 300) body = jsonObject(await bufferBody(response));
    return result;
  };
  command.middlewareStack.add(keep as never, { ...BELOW_DESERIALIZER, name: 'clusterPassKeepJsonBody' } as never);
  const output = (await client.send(command, options)) as O;
  return { output, body };
}

/**
 * `endpointCredentials` from a GetManagedEndpointSessionCredentials body, shaped as the SDK shapes a union: the
 * known member `token`, or `$unknown: [name, value]` for a member this version does not know.
 */
export function endpointCredentialsOf(body: Record<string, unknown> | undefined): unknown {
  const union = body?.endpointCredentials;
  if (!union || typeof union !== 'object' || Array.isArray(union)) return undefined;
  const members = Object.entries(union as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
  if (!members.length) return {};
  const [name, value] = members[0];
  return name === 'token' ? { token: typeof value === 'string' ? value : undefined } : { $unknown: [name, value] };
}

/** `authProxyUrl` per endpoint id, from a ListManagedEndpoints (`endpoints`) or DescribeManagedEndpoint (`endpoint`) body. */
export function authProxyUrlsOf(body: Record<string, unknown> | undefined): Map<string, string> {
  const endpoints = Array.isArray(body?.endpoints) ? (body.endpoints as unknown[]) : body?.endpoint ? [body.endpoint] : [];
  const urls = new Map<string, string>();
  for (const e of endpoints) {
    const { id, authProxyUrl } = (e ?? {}) as Record<string, unknown>;
    if (typeof id === 'string' && typeof authProxyUrl === 'string' && authProxyUrl !== '') urls.set(id, authProxyUrl);
  }
  return urls;
}

function jsonObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
