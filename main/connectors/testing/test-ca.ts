import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A certificate and its private key, PEM-encoded. */
export interface CertificatePair {
  readonly key: string;
  readonly cert: string;
}

/** A certificate authority made for this test process. */
export interface TestCa {
  /** The CA certificate (PEM file): pass it to rclone as `--ca-cert` or `RCLONE_CA_CERT`. */
  readonly certPath: string;
  /** A server certificate for `host` (DNS subjectAltName, serverAuth), signed by this CA; cached per host. */
  certificateFor(host: string): Promise<CertificatePair>;
}

let shared: Promise<TestCa> | undefined;

/**
 * The test CA of this process, made on first use with the `openssl` CLI (ECDSA P-256, valid two
 * days) in a temporary folder named after the process, deleted when the process exits (or, if it
 * was killed, by the next test process that makes a CA). Hand-written over a
 * library because the openssl binary is always present where rclone runs and produces exactly
 * the certificates Go's verifier expects (SANs, key usages); nothing here is fit for real use.
 */
export function testCa(): Promise<TestCa> {
  shared ??= createCa().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

const PREFIX = 'kloset-test-ca-';

async function createCa(): Promise<TestCa> {
  removeAbandonedCas();
  const dir = mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const caKey = path.join(dir, 'ca.key');
  const certPath = path.join(dir, 'ca.crt');
  await openssl([
    'req', '-x509', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-keyout', caKey, '-out', certPath, '-days', '2', '-subj', '/CN=Kloset Desktop test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const leaves = new Map<string, Promise<CertificatePair>>();
  return {
    certPath,
    certificateFor: (host) => {
      const name = host.toLowerCase();
      if (!/^[a-z0-9.-]+$/.test(name)) return Promise.reject(new Error(`"${host}" is not a host name.`));
      let leaf = leaves.get(name);
      if (!leaf) {
        leaf = createLeaf(dir, name, caKey, certPath);
        leaves.set(name, leaf);
      }
      return leaf;
    },
  };
}

/**
 * Deletes the CA folders of test processes that are gone: a test runner that kills its workers
 * gives them no chance to run their exit hooks.
 */
function removeAbandonedCas(): void {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = Number(/^kloset-test-ca-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function createLeaf(dir: string, host: string, caKey: string, caCert: string): Promise<CertificatePair> {
  const base = path.join(dir, host);
  await fs.writeFile(
    `${base}.ext`,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=DNS:${host}`,
    ].join('\n'),
  );
  await openssl([
    'req', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${host}`,
  ]);
  await openssl([
    'x509', '-req', '-in', `${base}.csr`, '-CA', caCert, '-CAkey', caKey, '-set_serial', `0x${randomBytes(12).toString('hex')}`,
    '-days', '2', '-extfile', `${base}.ext`, '-out', `${base}.crt`,
  ]);
  return { key: await fs.readFile(`${base}.key`, 'utf8'), cert: await fs.readFile(`${base}.crt`, 'utf8') };
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 30_000 });
  } catch (error) {
    throw new Error(`openssl ${args[0]} failed while making the test CA: ${(error as Error).message}. Is the openssl CLI installed?`, {
      cause: error,
    });
  }
}
