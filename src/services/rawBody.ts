// The raw body of an AWS response, read by middleware that sits below the SDK's deserializer (it sees the HTTP
// response before it is parsed) and put back as bytes, so the deserializer parses it as usual.
import type { AbsoluteLocation, DeserializeHandlerOptions } from '@smithy/types';

/** Where a middleware sits to see the raw HTTP response before the SDK's deserializer parses it. */
export const BELOW_DESERIALIZER: DeserializeHandlerOptions & AbsoluteLocation = { step: 'deserialize', priority: 'low' };

export interface RawResponse {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * The whole body of a raw response as bytes; the response's body is replaced by those bytes (which the SDK's body
 * collector accepts as they are), so reading it here costs the deserializer nothing.
 */
export async function bufferBody(response: unknown): Promise<Uint8Array> {
  const raw = response as RawResponse | undefined;
  const body = raw?.body;
  if (body instanceof Uint8Array) return body;
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return setBody(raw!, new TextEncoder().encode(body));
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return new Uint8Array();
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  return setBody(raw!, Buffer.concat(chunks));
}

function setBody(raw: RawResponse, bytes: Uint8Array): Uint8Array {
  raw.body = bytes;
  return bytes;
}
