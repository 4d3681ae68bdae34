// Test certificate authorities and server certificates, made with the openssl CLI (Debian's `openssl`).
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCa {
  readonly certPath: string;
  readonly keyPath: string;
  readonly pem: string;
}

export interface ServerCert {
  readonly certPath: string;
  readonly keyPath: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd, timeout: 20_000 });
}

/** A self-signed CA (P-256) valid for two days, written as `<name>.pem` / `<name>.key` in `dir`. */
export async function createTestCa(dir: string, name = 'ca', subject = '/CN=Cluster Pass Test CA'): Promise<TestCa> {
  const keyPath = join(dir, `${name}.key`);
  const certPath = join(dir, `${name}.pem`);
  await openssl([
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', subject,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ], dir);
  return { certPath, keyPath, pem: await readFile(certPath, 'utf8') };
}

/** A server certificate for 127.0.0.1 and localhost signed by `ca`. */
export async function issueServerCert(dir: string, ca: TestCa, name = 'server'): Promise<ServerCert> {
  const keyPath = join(dir, `${name}.key`);
  const csrPath = join(dir, `${name}.csr`);
  const certPath = join(dir, `${name}.pem`);
  const extPath = join(dir, `${name}.ext`);
  await writeFile(extPath, [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '',
  ].join('\n'));
  await openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', csrPath, '-subj', '/CN=127.0.0.1'], dir);
  await openssl(['x509', '-req', '-in', csrPath, '-CA', ca.certPath, '-CAkey', ca.keyPath, '-CAcreateserial',
    '-out', certPath, '-days', '2', '-extfile', extPath], dir);
  return { certPath, keyPath };
}
