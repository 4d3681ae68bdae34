// A stand-in token issuer and validator with the emulator's `/_emulator/validate` contract (204 for a token it
// issued that has not expired, read from `Authorization: token <t>` or `X-Original-Authorization`, else 401).
// Used where the AWS emulator is not wanted (fast bridge tests); the emulator is the real source elsewhere.
import { randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';

export interface LocalValidator {
  readonly validateUrl: string;
  issue(durationSeconds: number): { secret: string; expiresAt: Date; id: string };
  /** Every secret issued so far (to check that none leaked into logs). */
  readonly issued: readonly string[];
  readonly refusals: number;
  close(): Promise<void>;
}

export async function startLocalValidator(): Promise<LocalValidator> {
  const tokens = new Map<string, number>();
  const issued: string[] = [];
  let refusals = 0;
  const server = http.createServer((req, res) => {
    const header = String(req.headers['x-original-authorization'] ?? req.headers.authorization ?? '');
    const m = /^token\s+(\S+)$/i.exec(header);
    const exp = m ? tokens.get(m[1]) : undefined;
    const ok = req.url?.startsWith('/_emulator/validate') && exp !== undefined && exp > Date.now();
    if (!ok) refusals++;
    res.writeHead(ok ? 204 : 401).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    validateUrl: `http://127.0.0.1:${port}/_emulator/validate`,
    issue(durationSeconds) {
      const secret = randomBytes(24).toString('base64url');
      const expiresAt = new Date(Date.now() + durationSeconds * 1000);
      tokens.set(secret, expiresAt.getTime());
      issued.push(secret);
      return { secret, expiresAt, id: randomUUID() };
    },
    issued,
    get refusals() {
      return refusals;
    },
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
