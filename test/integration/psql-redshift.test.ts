// psql (Debian's postgresql-client) with every Redshift clipboard format, used exactly as a person uses it, against
// a real PostgreSQL server (test/pg-sim) in which the emulator creates every database user it issues
// (test/emulator/postgres.ts): GetClusterCredentials with IAM: and IAMA: users, GetClusterCredentialsWithIAM, and
// Serverless GetCredentials. The text comes from the product's own flow: CredentialService fetches through the
// real SDK and copies each format to the clipboard; the endpoint in it is what DescribeClusters/ListWorkgroups
// report (that server). Each way prints the issued user; once the server's clock passes the expiry, each is refused.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { listEverywhere } from '../../src/credentials/targetPicker';
import type { Session } from '../../src/sessions/sessionStore';
import type { CredentialInput, Target } from '../../src/services/types';
import { DEFAULT_IDS } from '../emulator/index';
import { credentialService, recordingWindow, startProductWorld, type ProductWorld } from '../helpers/product';
import { realClientTest } from '../harness/realClients';
import { startTerminal, type Terminal } from '../harness/terminal';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../pg-sim/index';

const CLIENT = 'psql';
const unavailable = postgresUnavailable();

interface Kind {
  readonly name: string;
  readonly targetId: string;
  readonly methodId: string;
  readonly input: CredentialInput;
  readonly user: RegExp;
  readonly groups: readonly string[];
}

const KINDS: readonly Kind[] = [
  {
    name: 'GetClusterCredentials (IAM:)',
    targetId: DEFAULT_IDS.redshift.available,
    methodId: 'redshift.clusterCredentials',
    input: { DbUser: 'analyst', DbGroups: ['analysts', 'readers'], DurationSeconds: 900 },
    user: /^IAM:analyst$/,
    groups: ['analysts', 'readers'],
  },
  {
    name: 'GetClusterCredentials (IAMA:, AutoCreate)',
    targetId: DEFAULT_IDS.redshift.available,
    methodId: 'redshift.clusterCredentials',
    input: { DbUser: 'newcomer', AutoCreate: true, DbGroups: ['readers'], DurationSeconds: 900 },
    user: /^IAMA:newcomer$/,
    groups: ['readers'],
  },
  { name: 'GetClusterCredentialsWithIAM', targetId: DEFAULT_IDS.redshift.available, methodId: 'redshift.clusterCredentialsWithIam', input: { DurationSeconds: 900 }, user: /^IAMR:.+/, groups: [] },
  { name: 'Serverless GetCredentials', targetId: DEFAULT_IDS.serverless.available, methodId: 'redshiftServerless.credentials', input: { durationSeconds: 900 }, user: /^IAM:.+/, groups: [] },
];

/** One way a person uses the formats: runs it for a session and returns the terminal's output. */
interface Way {
  readonly name: string;
  use(session: Session): Promise<string>;
}

/** A psql result's user line: unaligned output or the table psql prints by default. */
const printsUser = (out: string, user: string): boolean => out.split('\n').some((l) => l.trim() === user);
const REFUSED = /password authentication failed for user/;
/** psql ran in the terminal and bash shows its prompt again. */
const PSQL_DONE = /(\(1 row\)|psql: error:)[\s\S]*^\$ $/m;

describe('psql with every Redshift clipboard format against a real PostgreSQL server', { timeout: 180_000 }, () => {
  let pg: TestPostgres;
  let world: ProductWorld;
  let home: string;
  const sessions = new Map<Kind, Session>();
  const formatsUsed = new Set<string>();
  let copy: (session: Session, format: string) => Promise<string>;
  let dispose = (): void => undefined;

  before(async () => {
    if (unavailable) return;
    pg = await startTestPostgres({ databases: ['dev'] });
    const leakRoot = process.env.CLUSTER_PASS_LEAK_ROOT;
    // (Under /tmp when the server's user cannot reach TMPDIR: the scan reads /tmp, and a copy lands in its root.)
    if (leakRoot) assert.ok(pg.dir.startsWith(`${leakRoot}/`) || pg.dir.startsWith('/tmp/'), 'the data folder and its logs are where the leak scan reads');
    world = await startProductWorld({ postgresUrl: pg.adminUrl });
    home = await mkdtemp(join(tmpdir(), 'cluster-pass-psql-home-'));
    const { targets } = await listEverywhere(world.api, { profiles: ['demo'], regions: [DEFAULT_IDS.region], includeInactive: false, concurrency: 4 });
    const { window } = recordingWindow();
    const { service, clipboard, guard } = credentialService(world.api, window);
    dispose = () => guard.dispose();
    copy = async (session, format) => {
      assert.ok(await service.copy(session, format), `format ${format}`);
      formatsUsed.add(format);
      return clipboard.value;
    };
    for (const kind of KINDS) {
      const target = targets.find((t: Target) => t.id === kind.targetId);
      assert.ok(target, `${kind.targetId} is listed`);
      assert.equal(target.endpoint, `${pg.host}:${pg.port}`, 'the tree shows the PostgreSQL server as the endpoint');
      const session = await service.getCredentials(target, { methodId: kind.methodId, input: kind.input, format: 'none' });
      assert.ok(session, `credentials for ${kind.name}`);
      assert.match(session.credential.user ?? '', kind.user);
      sessions.set(kind, session);
    }
  });

  after(async () => {
    dispose();
    await world?.stop();
    await pg?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  /** psql's environment: a fresh HOME, no PG* variables of this machine. */
  const cleanEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', TERM: 'xterm-256color' });

  /** An interactive bash in a terminal (tmux), no history file; `fn` types and pastes into it. */
  const inTerminal = async (fn: (term: Terminal) => Promise<string>): Promise<string> => {
    const socketDir = await mkdtemp(join(tmpdir(), 'cluster-pass-tmux-'));
    const term = await startTerminal(join(socketDir, 'tmux'), ['bash', '--norc', '--noprofile'], { ...cleanEnv(), HISTFILE: '/dev/null', PS1: '$ ' });
    try {
      await term.waitFor(/\$ $/m);
      return await fn(term);
    } finally {
      await term.stop();
      await rm(socketDir, { recursive: true, force: true });
    }
  };

  /** bash running `script` with `stdin`; resolves with stdout+stderr and the exit code. */
  const bash = (script: string, stdin = ''): Promise<{ out: string; code: number }> =>
    new Promise((resolve) => {
      const child = execFile('bash', ['-c', script], { env: cleanEnv(), timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ out: `${stdout}${stderr}`, code: error ? Number((error as { code?: number }).code ?? 1) : 0 });
      });
      child.stdin?.end(stdin);
    });

  const ways: readonly Way[] = [
    {
      name: `psql "<psql URI>" -c 'select current_user'`,
      async use(session) {
        const uri = await copy(session, 'psqlUri');
        return (await bash(`psql "${uri}" -c 'select current_user'`)).out;
      },
    },
    {
      name: 'the PG* variables read with `set -a; . file`',
      async use(session) {
        // The file is the pasted text itself, read from a pipe, so no copy of the password lands on disk.
        const vars = await copy(session, 'pgEnv');
        return (await bash(`set -a; . <(cat); set +a; psql -c 'select current_user'`, `${vars}\n`)).out;
      },
    },
    {
      name: 'the exports pasted into bash, then psql (tmux)',
      async use(session) {
        const exports = await copy(session, 'pgExports');
        return inTerminal(async (term) => {
          await term.paste(`${exports}\n`);
          await term.type(`psql -c 'select current_user'`);
          await term.pressEnter();
          return term.waitFor(PSQL_DONE);
        });
      },
    },
    {
      name: "user and password typed at psql's prompt (tmux)",
      async use(session) {
        const [host, port] = (session.target.endpoint ?? '').split(':');
        return inTerminal(async (term) => {
          await term.type(`psql -h ${host} -p ${port} -d dev -U `);
          await term.paste(await copy(session, 'dbUser'));
          await term.pressEnter();
          const prompt = await term.waitFor(/Password for user .*:/);
          assert.ok(prompt.includes(`Password for user ${session.credential.user}:`), prompt);
          await term.paste(await copy(session, 'password'));
          await term.pressEnter();
          const screen = await term.waitFor(/dev=> $|psql: error:[\s\S]*^\$ $/m, 15_000);
          if (!/dev=> $/m.test(screen)) return screen;
          await term.type('select current_user;');
          await term.pressEnter();
          const result = await term.waitFor(/\(1 row\)/);
          await term.type('\\q');
          await term.pressEnter();
          return result;
        });
      },
    },
  ];

  for (const way of ways) {
    realClientTest(CLIENT, `${way.name}: prints the issued user, for every credential API`, { timeout: 90_000, unavailable }, async () => {
      for (const kind of KINDS) {
        const session = sessions.get(kind)!;
        const out = await way.use(session);
        assert.ok(printsUser(out, session.credential.user!), `${kind.name}: psql printed ${JSON.stringify(out.slice(-600))}, not ${session.credential.user}`);
      }
    });
  }

  realClientTest(CLIENT, 'each issued user is a role VALID UNTIL the expiry and a member of its DbGroups', { unavailable }, async () => {
    for (const kind of KINDS) {
      const session = sessions.get(kind)!;
      const user = session.credential.user!;
      const row = await pg.sql(`SELECT extract(epoch FROM rolvaliduntil) * 1000, rolcanlogin FROM pg_roles WHERE rolname = :'user';`, { user });
      const [validUntil, canLogin] = row.trim().split('|');
      assert.equal(Number(validUntil), session.credential.expiresAt.getTime(), `${kind.name}: VALID UNTIL`);
      assert.equal(canLogin, 't');
      // Asked as that user, through the format a person would use.
      const uri = await copy(session, 'psqlUri');
      const groups = await bash(`psql "${uri}" -At -c "select coalesce(string_agg(rolname, ',' order by rolname), '') from pg_roles where pg_has_role(current_user, oid, 'member') and rolname <> current_user"`);
      assert.equal(groups.code, 0, groups.out);
      assert.equal(groups.out.trim(), kind.groups.join(','), `${kind.name}: its groups`);
    }
  });

  realClientTest(CLIENT, 'after expiry every way is refused by the server', { timeout: 120_000, unavailable }, async () => {
    const last = Math.max(...[...sessions.values()].map((s) => s.credential.expiresAt.getTime()));
    await pg.setClockAhead((last - Date.now()) / 1000 + 60);
    for (const way of ways) {
      for (const kind of KINDS) {
        const session = sessions.get(kind)!;
        const out = await way.use(session);
        assert.ok(!printsUser(out, session.credential.user!), `${way.name}, ${kind.name}: still connected after expiry`);
        assert.match(out, REFUSED, `${way.name}, ${kind.name}`);
      }
    }
    const log = await pg.serverLog();
    for (const session of sessions.values()) assert.ok(log.includes(`User "${session.credential.user}" has an expired password.`), 'the server says why');
    return `${formatsUsed.size} formats`;
  });
});
