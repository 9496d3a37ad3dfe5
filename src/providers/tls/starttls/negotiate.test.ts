import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_LINE, StartTlsFailed, StartTlsMalformed, StartTlsTimeout } from './conversation.js';
import { negotiate, upgrade } from './index.js';
import { startTlsRequest } from './ldap.js';
import { CLIENT } from './mysql.js';
import type { StartTlsProtocol } from './protocols.js';

/**
 * Each negotiation against a scripted server on 127.0.0.1: `greet` is sent on
 * connection, and `reply` answers every chunk the client sends (one command
 * per chunk, since the client waits for each answer).
 */
interface Script {
  greet?: string | Buffer;
  reply?: (said: Buffer) => string | Buffer | undefined;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function scripted(script: Script): Promise<{ port: number; received: Buffer[] }> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    if (script.greet !== undefined) socket.write(script.greet);
    socket.on('data', (chunk) => {
      received.push(chunk);
      const answer = script.reply?.(chunk);
      if (answer !== undefined) socket.write(answer);
    });
  });
  const close = server.close.bind(server);
  server.close = (cb) => {
    sockets.forEach((s) => s.destroy());
    return close(cb);
  };
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, received };
}

async function run(protocol: StartTlsProtocol, script: Script, timeoutMs = 2000) {
  const { port, received } = await scripted(script);
  const outcome = await negotiate(protocol, { host: '127.0.0.1', port, timeoutMs });
  return { outcome, received: received.map((b) => b.toString('latin1')) };
}

async function failure(protocol: StartTlsProtocol, script: Script, timeoutMs = 2000): Promise<Error> {
  const { port } = await scripted(script);
  return negotiate(protocol, { host: '127.0.0.1', port, timeoutMs }).then(
    () => {
      throw new Error('expected the negotiation to fail');
    },
    (err: Error) => err,
  );
}

/** An SMTP server: `ehlo` extensions, and how it answers STARTTLS. */
const smtpServer = (ehlo: string[], go = '220 2.0.0 Ready to start TLS\r\n'): Script => ({
  greet: '220-mx.example ESMTP\r\n220 second greeting line\r\n',
  reply: (said) => {
    const text = said.toString();
    if (text.startsWith('EHLO ')) return ['250-mx.example hello', ...ehlo.map((e) => `250-${e}`), '250 8BITMIME', ''].join('\r\n');
    if (text === 'STARTTLS\r\n') return go;
    return '500 what\r\n';
  },
});

describe('SMTP (RFC 3207)', () => {
  it('sends EHLO, finds STARTTLS among the extensions, and upgrades on 220', async () => {
    const { outcome, received } = await run('smtp', smtpServer(['PIPELINING', 'starttls']));
    expect(outcome).toEqual({ protocol: 'smtp', offered: true, answer: '220 2.0.0 Ready to start TLS' });
    expect(received).toEqual(['EHLO annexa.invalid\r\n', 'STARTTLS\r\n']);
  });

  it('submission speaks the same dialogue', async () => {
    expect((await run('submission', smtpServer(['STARTTLS']))).outcome.offered).toBe(true);
  });

  it('is plaintext only when EHLO lists no STARTTLS, and never asks', async () => {
    const { outcome, received } = await run('smtp', smtpServer(['PIPELINING', 'SIZE 1000']));
    expect(outcome).toMatchObject({ offered: false, answer: 'SMTP server does not offer STARTTLS (EHLO extensions: PIPELINING SIZE 8BITMIME)' });
    expect(received).toEqual(['EHLO annexa.invalid\r\n']);
  });

  it('is plaintext only when STARTTLS is advertised but answered 454', async () => {
    const { outcome } = await run('smtp', smtpServer(['STARTTLS'], '454 4.7.0 TLS not available\r\n'));
    expect(outcome).toMatchObject({ offered: false, answer: expect.stringMatching(/refused it: 454 4\.7\.0 TLS not available/) });
  });

  it('is plaintext only when EHLO is rejected (no ESMTP)', async () => {
    const script = { greet: '220 old.example\r\n', reply: () => '502 command not implemented\r\n' };
    expect((await run('smtp', script)).outcome).toMatchObject({ offered: false, answer: expect.stringMatching(/rejected EHLO \(502/) });
  });

  it('a 554 greeting is a failure, not plaintext only', async () => {
    expect(await failure('smtp', { greet: '554 no service for you\r\n' })).toBeInstanceOf(StartTlsFailed);
  });

  it('refuses bytes sent after the go-ahead, before the client hello (response injection)', async () => {
    const err = await failure('smtp', smtpServer(['STARTTLS'], '220 go ahead\r\n250 injected\r\n'));
    expect(err).toBeInstanceOf(StartTlsMalformed);
    expect(err.message).toMatch(/sent 14 bytes after agreeing to TLS/);
  });

  it('bounds a line’s length', async () => {
    const err = await failure('smtp', { greet: `220 ${'x'.repeat(MAX_LINE + 10)}` });
    expect(err).toBeInstanceOf(StartTlsMalformed);
    expect(err.message).toMatch(/line longer than 8192 bytes/);
  });

  it('bounds a reply’s number of lines', async () => {
    const err = await failure('smtp', { greet: '220-x\r\n'.repeat(150) });
    expect(err.message).toMatch(/more than 100 lines/);
  });

  it('a reply that is not SMTP is malformed', async () => {
    expect(await failure('smtp', { greet: 'HTTP/1.1 400 Bad Request\r\n' })).toBeInstanceOf(StartTlsMalformed);
  });

  it('a server that never greets times out within the limit', async () => {
    const err = await failure('smtp', {}, 300);
    expect(err).toBeInstanceOf(StartTlsTimeout);
    expect(err.message).toBe('SMTP server sent no line in time');
  });

  it('a server that closes mid-dialogue is a failure', async () => {
    const { port } = await scripted({});
    const server = servers.at(-1)!;
    server.on('connection', (s: Socket) => s.end('220 hi\r\n'));
    await expect(negotiate('smtp', { host: '127.0.0.1', port, timeoutMs: 2000 })).rejects.toThrow(/closed the connection before TLS/);
  });
});

describe('IMAP (RFC 3501 / 9051)', () => {
  it('reads the capabilities of the greeting and upgrades on the tagged OK', async () => {
    const { outcome, received } = await run('imap', {
      greet: '* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n',
      reply: () => 'a2 OK Begin TLS now\r\n',
    });
    expect(outcome).toMatchObject({ offered: true, answer: 'OK Begin TLS now' });
    expect(received).toEqual(['a2 STARTTLS\r\n']);
  });

  it('asks CAPABILITY when the greeting has none', async () => {
    const { outcome, received } = await run('imap', {
      greet: '* OK ready\r\n',
      reply: (said) =>
        said.toString().startsWith('a1') ? '* CAPABILITY IMAP4rev1 STARTTLS\r\na1 OK done\r\n' : 'a2 OK go\r\n',
    });
    expect(outcome.offered).toBe(true);
    expect(received).toEqual(['a1 CAPABILITY\r\n', 'a2 STARTTLS\r\n']);
  });

  it('is plaintext only without STARTTLS in the capabilities', async () => {
    const { outcome } = await run('imap', { greet: '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n' });
    expect(outcome).toMatchObject({ offered: false, answer: 'IMAP server does not offer STARTTLS (capabilities: IMAP4REV1 AUTH=PLAIN)' });
  });

  it('is plaintext only after a PREAUTH greeting', async () => {
    expect((await run('imap', { greet: '* PREAUTH welcome\r\n' })).outcome.offered).toBe(false);
  });

  it('is plaintext only when STARTTLS is advertised but answered NO', async () => {
    const { outcome } = await run('imap', { greet: '* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n', reply: () => 'a2 NO not now\r\n' });
    expect(outcome).toMatchObject({ offered: false, answer: expect.stringMatching(/refused it: NO not now/) });
  });

  it('a BYE greeting is a failure', async () => {
    expect(await failure('imap', { greet: '* BYE too busy\r\n' })).toBeInstanceOf(StartTlsFailed);
  });
});

describe('POP3 (RFC 2595)', () => {
  it('finds STLS in CAPA and upgrades on +OK', async () => {
    const { outcome, received } = await run('pop3', {
      greet: '+OK ready\r\n',
      reply: (said) => (said.toString() === 'CAPA\r\n' ? '+OK\r\nUSER\r\nSTLS\r\n.\r\n' : '+OK go\r\n'),
    });
    expect(outcome).toMatchObject({ offered: true, answer: '+OK go' });
    expect(received).toEqual(['CAPA\r\n', 'STLS\r\n']);
  });

  it('asks STLS anyway when CAPA is unknown, and -ERR means plaintext only', async () => {
    const { outcome, received } = await run('pop3', { greet: '+OK ready\r\n', reply: () => '-ERR unknown\r\n' });
    expect(outcome).toMatchObject({ offered: false, answer: 'POP3 server refused STLS: -ERR unknown' });
    expect(received).toEqual(['CAPA\r\n', 'STLS\r\n']);
  });

  it('is plaintext only when CAPA lists no STLS', async () => {
    const { outcome } = await run('pop3', { greet: '+OK ready\r\n', reply: () => '+OK\r\nUSER\r\n.\r\n' });
    expect(outcome).toMatchObject({ offered: false, answer: 'POP3 server does not offer STLS (CAPA: USER)' });
  });
});

describe('FTP (RFC 4217)', () => {
  it('sends AUTH TLS after a multi-line greeting and upgrades on 234', async () => {
    const { outcome, received } = await run('ftp', {
      greet: '220-welcome\r\n free text line\r\n220 ready\r\n',
      reply: () => '234 AUTH TLS OK\r\n',
    });
    expect(outcome).toMatchObject({ offered: true, answer: '234 AUTH TLS OK' });
    expect(received).toEqual(['AUTH TLS\r\n']);
  });

  it('is plaintext only when AUTH TLS is refused', async () => {
    const { outcome } = await run('ftp', { greet: '220 ready\r\n', reply: () => '502 not implemented\r\n' });
    expect(outcome).toMatchObject({ offered: false, answer: 'FTP server refused AUTH TLS: 502 not implemented' });
  });
});

/** An LDAP ExtendedResponse: SEQUENCE { INTEGER id, [APPLICATION 24] { ENUMERATED code, '', diagnostic } }. */
function ldapResponse(id: number, code: number, diagnostic = ''): Buffer {
  const body = Buffer.concat([Buffer.from([0x0a, 1, code, 0x04, 0, 0x04, diagnostic.length]), Buffer.from(diagnostic)]);
  const op = Buffer.concat([Buffer.from([0x78, body.length]), body]);
  const msg = Buffer.concat([Buffer.from([0x02, 1, id]), op]);
  return Buffer.concat([Buffer.from([0x30, msg.length]), msg]);
}

describe('LDAP StartTLS (RFC 4511 §4.14)', () => {
  it('sends the extended request with the StartTLS OID in BER', () => {
    expect(startTlsRequest().toString('hex')).toBe(`301d02010177188016${Buffer.from('1.3.6.1.4.1.1466.20037').toString('hex')}`);
  });

  it('upgrades on resultCode success', async () => {
    const { outcome, received } = await run('ldap', { reply: () => ldapResponse(1, 0) });
    expect(outcome).toMatchObject({ offered: true, answer: 'resultCode 0 success' });
    expect(received[0]).toBe(startTlsRequest().toString('latin1'));
  });

  it('is plaintext only on protocolError (the operation is unknown)', async () => {
    const { outcome } = await run('ldap', { reply: () => ldapResponse(1, 2, 'unsupported extended operation') });
    expect(outcome).toMatchObject({
      offered: false,
      answer: 'LDAP server refused StartTLS: resultCode 2 protocolError: unsupported extended operation',
    });
  });

  it('an answer that is not an LDAPMessage is malformed', async () => {
    expect(await failure('ldap', { reply: () => 'HTTP/1.1 400\r\n' })).toBeInstanceOf(StartTlsMalformed);
  });

  it('an answer to another message id is malformed', async () => {
    expect((await failure('ldap', { reply: () => ldapResponse(7, 0) })).message).toMatch(/answered message 7, not 1/);
  });
});

describe('PostgreSQL SSLRequest', () => {
  const pg = (answer: string | Buffer): Script => ({ reply: () => answer });
  it("sends the 8-byte SSLRequest and upgrades on 'S'", async () => {
    const { outcome, received } = await run('postgres', pg('S'));
    expect(outcome.offered).toBe(true);
    expect(Buffer.from(received[0]!, 'latin1').toString('hex')).toBe('0000000804d2162f');
  });

  it("is plaintext only on 'N', and on an ErrorResponse", async () => {
    expect((await run('postgres', pg('N'))).outcome.offered).toBe(false);
    expect((await run('postgres', pg('E\0\0\0\x08SFATAL\0'))).outcome.offered).toBe(false);
  });

  it("refuses bytes after 'S' (CVE-2021-23222)", async () => {
    expect((await failure('postgres', pg('S\x16\x03\x01'))).message).toMatch(/3 bytes after agreeing to TLS/);
  });

  it('any other byte is malformed', async () => {
    expect(await failure('postgres', pg('X'))).toBeInstanceOf(StartTlsMalformed);
  });
});

/** A MySQL Initial Handshake v10 with these capability flags. */
function mysqlHandshake(capabilities: number): Buffer {
  const payload = Buffer.concat([
    Buffer.from([10]),
    Buffer.from('8.0.36\0'),
    Buffer.alloc(4),
    Buffer.alloc(8),
    Buffer.from([0, capabilities & 0xff, (capabilities >> 8) & 0xff, 45, 2, 0, 0, 0]),
  ]);
  return Buffer.concat([Buffer.from([payload.length, 0, 0, 0]), payload]);
}

describe('MySQL CLIENT_SSL', () => {
  it('answers a handshake with CLIENT_SSL by a 32-byte SSLRequest, sequence 1', async () => {
    const { port, received } = await scripted({ greet: mysqlHandshake(CLIENT.PROTOCOL_41 | CLIENT.SSL) });
    const { socket, said } = await upgrade('mysql', { host: '127.0.0.1', port, timeoutMs: 2000 });
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    expect(said).toBe('MySQL server 8.0.36 sets CLIENT_SSL');
    const request = Buffer.concat(received);
    expect(request.subarray(0, 4).toString('hex')).toBe('20000001');
    expect(request.readUInt32LE(4) & CLIENT.SSL).toBe(CLIENT.SSL);
    expect(request.length).toBe(36);
  });

  it('is plaintext only without CLIENT_SSL', async () => {
    const { outcome } = await run('mysql', { greet: mysqlHandshake(CLIENT.PROTOCOL_41) });
    expect(outcome).toMatchObject({ offered: false, answer: 'MySQL server 8.0.36 does not set CLIENT_SSL in its handshake' });
  });

  it('an ERR packet instead of a handshake is a failure naming the server’s message', async () => {
    const payload = Buffer.concat([Buffer.from([0xff, 0x6a, 0x04]), Buffer.from('#HY000Host is not allowed to connect')]);
    const err = await failure('mysql', { greet: Buffer.concat([Buffer.from([payload.length, 0, 0, 0]), payload]) });
    expect(err).toBeInstanceOf(StartTlsFailed);
    expect(err.message).toBe('MySQL server refused the connection: 1130 Host is not allowed to connect');
  });

  it('a packet announced larger than the read bound is malformed', async () => {
    expect((await failure('mysql', { greet: Buffer.from([0xff, 0xff, 0xff, 0]) })).message).toMatch(/more than 65536/);
  });
});

describe('the connection', () => {
  it('a closed port is an unreachable endpoint, not plaintext only', async () => {
    const { port } = await scripted({});
    await new Promise((r) => servers.pop()!.close(r));
    await expect(negotiate('smtp', { host: '127.0.0.1', port, timeoutMs: 2000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
