// Helpers for tests: SDK client configuration pointed at an emulator.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Emulator } from './server';

export interface EmulatorClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}

/** Config for `new XClient(config)`: the emulator's endpoint and test key, no retries unless asked. */
export function clientConfig(
  emulator: Pick<Emulator, 'url' | 'accessKeyId' | 'secretAccessKey'>,
  region = 'us-east-1',
  overrides: Partial<EmulatorClientConfig> = {},
): EmulatorClientConfig {
  return {
    endpoint: emulator.url,
    region,
    credentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey },
    maxAttempts: 1,
    ...overrides,
  };
}

export interface RawRequest {
  service: string;
  region?: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Signs a request with SigV4 (the SDK's signer) and returns it as fetch arguments; for tests that tamper with requests. */
export async function signRequest(
  emulator: Pick<Emulator, 'url'>,
  req: RawRequest,
  key: { accessKeyId: string; secretAccessKey: string },
): Promise<{ url: string; init: { method: string; headers: Record<string, string>; body?: string } }> {
  const url = new URL(req.path ?? '/', emulator.url);
  const request = new HttpRequest({
    method: req.method ?? 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, ...req.headers },
    body: req.body,
  });
  const signer = new SignatureV4({ credentials: key, region: req.region ?? 'us-east-1', service: req.service, sha256: Sha256 });
  const signed = await signer.sign(request);
  const headers = { ...signed.headers };
  delete headers.host;
  return { url: url.toString(), init: { method: request.method, headers, body: req.body } };
}
