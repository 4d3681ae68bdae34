// A small Livy-like REST server (Node http): the part of Apache Livy's session API that sparkmagic and similar
// clients use. Sessions start in `starting` and become `idle`; statements go `waiting` → `available` with a Livy
// output object. Code is "evaluated" trivially: integer arithmetic (`1+1` → `2`), `print("x")` → `x`, `1/0` → a
// ZeroDivisionError, anything else is echoed. Like Livy with CSRF protection on, POST and DELETE need
// `X-Requested-By`. It records each request (with a fingerprint of its Authorization header, never the header).
import { createHash } from 'node:crypto';
import * as http from 'node:http';

export type LivySessionState = 'starting' | 'idle' | 'busy' | 'dead';

interface LivyStatement {
  id: number;
  code: string;
  state: 'waiting' | 'running' | 'available' | 'cancelled';
  output: null | Record<string, unknown>;
  progress: number;
  started: number;
  completed: number;
}

interface LivySession {
  id: number;
  name: string | null;
  appId: string | null;
  owner: string | null;
  proxyUser: string | null;
  state: LivySessionState;
  kind: string;
  appInfo: { driverLogUrl: string | null; sparkUiUrl: string | null };
  log: string[];
  statements: LivyStatement[];
}

export interface LivyRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly at: number;
  /** sha256 (hex, first 16) of the Authorization header nginx passed on, or '' when there was none. */
  readonly authFingerprint: string;
  readonly requestedBy?: string;
}

export interface LivyServerOptions {
  /** How long a new session stays `starting`, ms. Default 150. */
  readonly startDelayMs?: number;
  /** How long a statement stays `waiting`/`running`, ms. Default 50. */
  readonly statementDelayMs?: number;
  /** Require X-Requested-By on POST and DELETE (livy.server.csrf-protection.enabled). Default true. */
  readonly csrfProtection?: boolean;
}

export interface LivyServer {
  readonly port: number;
  readonly requests: readonly LivyRequest[];
  sessionCount(): number;
  close(): Promise<void>;
}

const KINDS = new Set(['spark', 'pyspark', 'sparkr', 'sql', 'shared']);

export function fingerprint(authorization: string): string {
  return createHash('sha256').update(authorization).digest('hex').slice(0, 16);
}

/** Trivial evaluation, enough for tests: `a op b` with integers, `print("x")`, `1/0`, else the code itself. */
export function evaluate(code: string): Record<string, unknown> {
  const trimmed = code.trim();
  const arith = /^(-?\d+)\s*([-+*/])\s*(-?\d+)$/.exec(trimmed);
  if (arith) {
    const [a, op, b] = [BigInt(arith[1]), arith[2], BigInt(arith[3])];
    if (op === '/' && b === 0n) {
      return { status: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: ['Traceback (most recent call last):\n', 'ZeroDivisionError: division by zero\n'] };
    }
    const value = op === '+' ? String(a + b) : op === '-' ? String(a - b) : op === '*' ? String(a * b) : String(Number(a) / Number(b));
    return { status: 'ok', data: { 'text/plain': value } };
  }
  const printed = /^print\((["'])(.*)\1\)$/.exec(trimmed);
  if (printed) return { status: 'ok', data: { 'text/plain': printed[2] } };
  return { status: 'ok', data: { 'text/plain': trimmed } };
}

export async function startLivyServer(options: LivyServerOptions = {}): Promise<LivyServer> {
  const startDelay = options.startDelayMs ?? 150;
  const statementDelay = options.statementDelayMs ?? 50;
  const csrf = options.csrfProtection ?? true;
  const sessions = new Map<number, LivySession>();
  const requests: LivyRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextId = 0;
  const later = (ms: number, f: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      f();
    }, ms);
    timers.add(t);
  };
  const view = (s: LivySession) => {
    const { statements: _statements, ...rest } = s;
    return rest;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = (req.url ?? '/').split('?')[0];
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        requests.push({
          method, path, status, at: Date.now(),
          authFingerprint: req.headers.authorization ? fingerprint(req.headers.authorization) : '',
          requestedBy: req.headers['x-requested-by'] as string | undefined,
        });
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
        res.end(text);
      };
      let body: Record<string, unknown> = {};
      const raw = Buffer.concat(chunks).toString('utf8');
      if (raw.trim()) {
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          return send(400, { msg: 'Rejected, Reason: could not parse the request body as JSON' });
        }
      }
      if (csrf && (method === 'POST' || method === 'DELETE') && !req.headers['x-requested-by']) {
        return send(400, { msg: 'Missing Required Header for CSRF protection.' });
      }
      const parts = path.split('/').filter(Boolean);
      if (parts[0] !== 'sessions') return send(404, { msg: `Route ${path} not found` });
      if (parts.length === 1) {
        if (method === 'GET') {
          const all = [...sessions.values()].map(view);
          return send(200, { from: 0, total: all.length, sessions: all });
        }
        if (method === 'POST') {
          const kind = typeof body.kind === 'string' ? body.kind : 'shared';
          if (!KINDS.has(kind)) return send(400, { msg: `Unknown kind ${kind}` });
          const id = nextId++;
          const s: LivySession = {
            id, name: typeof body.name === 'string' ? body.name : null, appId: null, owner: null, proxyUser: null,
            state: 'starting', kind, appInfo: { driverLogUrl: null, sparkUiUrl: null }, log: ['stdout: ', 'stderr: '], statements: [],
          };
          sessions.set(id, s);
          later(startDelay, () => {
            if (s.state === 'starting') {
              s.state = 'idle';
              s.appId = `application_0000_${String(id).padStart(4, '0')}`;
            }
          });
          return send(201, view(s), { location: `/sessions/${id}` });
        }
        return send(405, { msg: `${method} not allowed` });
      }
      const id = Number(parts[1]);
      const s = Number.isInteger(id) ? sessions.get(id) : undefined;
      if (!s) return send(404, { msg: `Session '${parts[1]}' not found.` });
      if (parts.length === 2) {
        if (method === 'GET') return send(200, view(s));
        if (method === 'DELETE') {
          s.state = 'dead';
          sessions.delete(id);
          return send(200, { msg: 'deleted' });
        }
        return send(405, { msg: `${method} not allowed` });
      }
      if (parts[2] === 'state' && parts.length === 3 && method === 'GET') return send(200, { id, state: s.state });
      if (parts[2] === 'log' && parts.length === 3 && method === 'GET') return send(200, { id, from: 0, total: s.log.length, log: s.log });
      if (parts[2] !== 'statements') return send(404, { msg: `Route ${path} not found` });
      if (parts.length === 3) {
        if (method === 'GET') return send(200, { total_statements: s.statements.length, statements: s.statements });
        if (method === 'POST') {
          if (s.state !== 'idle') return send(500, { msg: `Session is in state ${s.state}` });
          if (typeof body.code !== 'string') return send(400, { msg: 'Rejected, Reason: code is required' });
          const st: LivyStatement = { id: s.statements.length, code: body.code, state: 'waiting', output: null, progress: 0, started: Date.now(), completed: 0 };
          s.statements.push(st);
          s.state = 'busy';
          later(statementDelay, () => {
            if (st.state !== 'waiting') return;
            st.state = 'available';
            st.progress = 1;
            st.completed = Date.now();
            st.output = { execution_count: st.id, ...evaluate(st.code) };
            if (s.state === 'busy') s.state = 'idle';
          });
          return send(201, st, { location: `/sessions/${id}/statements/${st.id}` });
        }
        return send(405, { msg: `${method} not allowed` });
      }
      const st = s.statements[Number(parts[3])];
      if (!st) return send(404, { msg: `Statement '${parts[3]}' not found.` });
      if (parts.length === 4 && method === 'GET') return send(200, st);
      if (parts.length === 5 && parts[4] === 'cancel' && method === 'POST') {
        if (st.state === 'waiting' || st.state === 'running') {
          st.state = 'cancelled';
          if (s.state === 'busy') s.state = 'idle';
        }
        return send(200, { msg: 'canceled' });
      }
      return send(404, { msg: `Route ${path} not found` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    requests,
    sessionCount: () => sessions.size,
    close: () => new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
