import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/core/provider.js';
import type { FactRecord, Result } from '../../src/core/types.js';
import { tlsProvider } from '../../src/providers/tls/provider.js';
import type { SuitesFact, TlsTargetOptions } from '../../src/providers/tls/types.js';
import { loadScenario } from '../../src/sandbox/scenario.js';
import { scanSandbox, tlsChecks } from './harness.js';

// Real plaintext dialogues then real handshakes (node:tls and raw ClientHellos) over each upgraded connection.
let sandbox: SandboxHandle<TlsTargetOptions>;
let verdict: (name: string, checkId: string) => Result;
let facts: FactRecord[];

beforeAll(async () => {
  const runtime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 5000 };
  sandbox = await tlsProvider.sandbox!(loadScenario(path.join(import.meta.dirname, 'starttls.yaml')).tls, runtime);
  ({ verdict, facts } = await scanSandbox(sandbox, await tlsChecks()));
}, 120_000);
afterAll(() => sandbox?.stop());

const target = (name: string) => sandbox.targets.find((t) => `127.0.0.1:${t.options.port}` === sandbox.endpoints[name])!;
const fact = <T>(name: string, key: string) => facts.find((f) => f.target === target(name).id && f.key === key)?.value as T;

describe('servers that upgrade', () => {
  it.each(['smtp', 'pop3', 'ftp', 'ldap', 'postgres', 'mysql'])('%s: TLS 1.2 and 1.3 over the upgraded connection pass', (name) => {
    expect(verdict(name, 'tls.protocol-versions')).toMatchObject({ status: 'pass', observed: { accepted: ['TLSv1.2', 'TLSv1.3'] } });
    expect(verdict(name, 'tls.certificate').status).toBe('pass');
  });

  it('names the protocol in the resource', () => {
    expect(target('smtp').resource).toMatch(/^tls:smtp:\/\/mx\.starttls\.test@127\.0\.0\.1:\d+$/);
    expect(target('postgres').options.starttls).toBe('postgres');
  });

  it('records each negotiation with the server’s go-ahead', () => {
    expect(fact('smtp', 'tls.starttls')).toEqual({ protocol: 'smtp', offered: true, answer: '220 2.0.0 Ready to start TLS' });
    expect(fact('postgres', 'tls.starttls')).toMatchObject({ offered: true, answer: "SSLRequest answered 'S'" });
    expect(fact('ldap', 'tls.starttls')).toMatchObject({ offered: true, answer: 'resultCode 0 success' });
  });

  it('reads the certificate of the upgraded connection', () => {
    expect(verdict('postgres', 'tls.certificate').observed).toMatchObject({ name: 'db.starttls.test', key: 'ec 256 prime256v1' });
  });

  it('finds TLS 1.0 and a CBC suite by raw ClientHellos after the IMAP upgrade', () => {
    const r = verdict('imap-legacy', 'tls.protocol-versions');
    expect(r).toMatchObject({ status: 'fail', messageId: 'disallowed', observed: { disallowed: ['TLSv1.0', 'TLSv1.1'] } });
    const suites = fact<SuitesFact>('imap-legacy', 'tls.suites(TLSv1.2)');
    expect(suites.accepted.map((s) => s.name)).toEqual(['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_RSA_WITH_AES_128_CBC_SHA']);
    expect(suites.handshakes).toBeGreaterThan(1);
    expect(verdict('imap-legacy', 'tls.cipher-suites').status).toBe('fail');
  });

  it('HSTS does not apply to a mail server', () => {
    expect(verdict('smtp', 'tls.hsts')).toMatchObject({ status: 'not_applicable', messageId: 'notHttp' });
  });
});

describe('servers that stay plaintext', () => {
  it.each([
    ['smtp-plaintext', /SMTP server does not offer STARTTLS \(EHLO extensions: PIPELINING SIZE 8BITMIME\)/],
    ['postgres-plaintext', /answered SSLRequest with 'N'/],
  ])('%s fails tls.protocol-versions as plaintext only', (name, answer) => {
    const r = verdict(name, 'tls.protocol-versions');
    expect(r).toMatchObject({ status: 'fail', messageId: 'plaintextOnly' });
    expect(r.message).toMatch(answer);
  });

  it('leaves the certificate uncollected (an error naming the refusal), and HSTS not applicable', () => {
    expect(verdict('smtp-plaintext', 'tls.certificate')).toMatchObject({ status: 'error' });
    expect(verdict('smtp-plaintext', 'tls.certificate').message).toMatch(/does not offer STARTTLS/);
    expect(verdict('smtp-plaintext', 'tls.hsts').status).toBe('not_applicable');
  });
});

describe('a STARTTLS endpoint that is not there', () => {
  it.each(['tls.protocol-versions', 'tls.hsts', 'tls.certificate'])('is an error in %s', (id) => {
    expect(verdict('smtp-gone', id)).toMatchObject({ status: 'error', observed: { reason: { kind: 'unreachable' } } });
  });
});

// openssl as an independent client of the sandbox's dialogues (spawned, not spawnSync: the listeners share this event loop).
const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
function sClient(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('openssl', ['s_client', ...args, '-brief'], { stdio: ['pipe', 'ignore', 'pipe'], timeout: 20_000 });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdin.end();
    child.on('close', (status) => resolve({ status, stderr }));
  });
}
describe.skipIf(!openssl)('openssl s_client -starttls', () => {
  it.each([
    ['smtp', 'smtp', 'mx.starttls.test'],
    ['imap', 'imap-legacy', 'imap.starttls.test'],
    ['pop3', 'pop3', 'pop.starttls.test'],
    ['ftp', 'ftp', 'ftp.starttls.test'],
    ['postgres', 'postgres', 'db.starttls.test'],
    ['mysql', 'mysql', 'mysql.starttls.test'],
    ['ldap', 'ldap', 'ldap.starttls.test'],
  ])('-starttls %s completes a handshake with the %s listener', async (protocol, name, cn) => {
    const out = await sClient(['-starttls', protocol, '-connect', sandbox.endpoints[name]!, '-servername', cn]);
    expect(out.stderr).toMatch(/CONNECTION ESTABLISHED/);
    expect(out.stderr).toMatch(new RegExp(`Peer certificate: .*CN ?= ?${cn.replace(/\./g, '\\.')}`));
  });

  it('-starttls smtp against the plaintext-only server finds no STARTTLS', async () => {
    const out = await sClient(['-starttls', 'smtp', '-connect', sandbox.endpoints['smtp-plaintext']!]);
    expect(out.status).not.toBe(0);
    expect(out.stderr).toMatch(/STARTTLS not supported|didn't find starttls/i);
  });
});
