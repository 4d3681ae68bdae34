// /_emulator/* routes: the test-only control surface (logs, secrets, faults, world) and the token check
// a simulated Jupyter gateway's nginx calls through auth_request. None of these require SigV4.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isFault } from './faults';
import type { EmulatorServer } from './server';
import type { World } from './types';
import type { GatewayPatch } from './world';

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function empty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': '0' });
  res.end();
}

function parseJson(body: Buffer): unknown {
  try {
    return body.length ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}

function isWorld(value: unknown): value is World {
  if (!value || typeof value !== 'object') return false;
  const w = value as Partial<World>;
  return typeof w.accountId === 'string' && !!w.regions && typeof w.regions === 'object';
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function handleControl(emulator: EmulatorServer, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case 'GET /_emulator/validate':
    case 'HEAD /_emulator/validate': {
      const ok =
        emulator.isValidAuthorization(header(req, 'authorization')) || emulator.isValidAuthorization(header(req, 'x-original-authorization'));
      return empty(res, ok ? 204 : 401);
    }
    case 'GET /_emulator/requests':
      return json(res, 200, emulator.requests);
    case 'GET /_emulator/secrets':
      return json(res, 200, emulator.issuedSecrets);
    case 'POST /_emulator/reset-log':
      emulator.clearLog();
      return empty(res, 204);
    case 'POST /_emulator/faults': {
      const spec = parseJson(body) as { operation?: unknown } | undefined;
      if (!spec || typeof spec.operation !== 'string' || !isFault(spec)) {
        return json(res, 400, { message: 'Expected {operation, kind, count?, ms?}; kind one of throttle, error, latency, unknownUnion, malformed, hang.' });
      }
      emulator.setFault(spec.operation, { kind: spec.kind, count: spec.count, ms: spec.ms });
      return empty(res, 204);
    }
    case 'DELETE /_emulator/faults':
      emulator.clearFaults();
      return empty(res, 204);
    case 'GET /_emulator/world':
      return json(res, 200, emulator.world);
    case 'POST /_emulator/world': {
      const patch = parseJson(body) as { world?: unknown; gateway?: GatewayPatch; latencyMs?: unknown } | undefined;
      if (!patch || typeof patch !== 'object') return json(res, 400, { message: 'Expected {world?, gateway?, latencyMs?}.' });
      if (patch.world !== undefined) {
        if (!isWorld(patch.world)) return json(res, 400, { message: 'world must be {accountId, regions}.' });
        emulator.world = patch.world;
      }
      if (patch.gateway !== undefined && !emulator.setGateway(patch.gateway)) return json(res, 404, { message: 'No such managed endpoint.' });
      if (typeof patch.latencyMs === 'number' && patch.latencyMs >= 0) emulator.latencyMs = patch.latencyMs;
      return empty(res, 204);
    }
    case 'GET /_emulator/info':
      return json(res, 200, { url: emulator.url, accessKeyId: emulator.accessKeyId, regions: emulator.regions });
    default:
      return json(res, 404, { message: `No control route ${route}.` });
  }
}
