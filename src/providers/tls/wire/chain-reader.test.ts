import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handshake, record, u16, vec24, vec8 } from './bytes.js';
import { ChainInterpreter, parseCertificateMessage } from './chain-reader.js';
import { CONTENT, HANDSHAKE } from './constants.js';
import { testCertificate } from '../../../../test/support/tls/test-servers.js';

const RC4 = 0x0005;
const leaf = new X509Certificate(testCertificate().cert).raw;
const other = Buffer.from('3003020101', 'hex'); // any bytes: the reader does not parse certificates

const serverHello = (version = 0x0300, suite = RC4): Buffer =>
  handshake(HANDSHAKE.serverHello, Buffer.concat([u16(version), Buffer.alloc(32, 9), vec8(Buffer.alloc(0)), u16(suite), Buffer.from([0])]));
const certificate = (...certs: Buffer[]): Buffer => handshake(HANDSHAKE.certificate, vec24(Buffer.concat(certs.map(vec24))));
const serverKeyExchange = handshake(12, Buffer.alloc(40, 1));
const done = handshake(HANDSHAKE.serverHelloDone, Buffer.alloc(0));
const hs = (...msgs: Buffer[]): Buffer => record(CONTENT.handshake, 0x0300, Buffer.concat(msgs));
const bytewise = (b: Buffer): Buffer[] => [...b].map((x) => Buffer.from([x]));

function feed(chunks: Buffer[], offered = [RC4]) {
  const reader = new ChainInterpreter('SSLv3', new Set(offered));
  for (const chunk of chunks) {
    const answer = reader.push(chunk);
    if (answer) return answer;
  }
  return reader.closed('closed');
}

const chainOf = (...certs: Buffer[]) => ({ kind: 'chain', version: 'SSLv3', suite: RC4, chainDer: certs.map((c) => c.toString('base64')) });

describe('reading the certificate chain after a legacy ServerHello', () => {
  it('reads ServerHello, Certificate and ServerHelloDone sharing one record', () => {
    expect(feed([hs(serverHello(), certificate(leaf, other), done)])).toEqual(chainOf(leaf, other));
  });

  it('reads a Certificate message split across records and TCP reads, one byte at a time', () => {
    const msg = certificate(leaf);
    const cut = 300;
    const wire = Buffer.concat([hs(serverHello()), hs(msg.subarray(0, cut)), hs(msg.subarray(cut)), hs(done)]);
    expect(feed(bytewise(wire))).toEqual(chainOf(leaf));
  });

  it.each([
    ['before', [certificate(leaf), serverKeyExchange]],
    ['after', [serverKeyExchange, certificate(leaf)]],
  ])('reads the chain whether ServerKeyExchange comes %s it', (_, messages) => {
    expect(feed([hs(serverHello(), ...messages, done)])).toEqual(chainOf(leaf));
  });

  it('is an error when the ServerHelloDone comes without a Certificate (anonymous suite)', () => {
    expect(feed([hs(serverHello(), serverKeyExchange, done)])).toEqual({
      kind: 'error',
      reason: expect.stringMatching(/ServerHelloDone without a Certificate/),
    });
  });

  it('is an error when the answer is truncated inside the Certificate message', () => {
    const wire = hs(serverHello(), certificate(leaf));
    expect(feed([wire.subarray(0, wire.length - 100)])).toEqual({ kind: 'error', reason: expect.stringMatching(/truncated/) });
  });

  it('is an error when the server hangs up between ServerHello and Certificate', () => {
    expect(feed([hs(serverHello())])).toEqual({ kind: 'error', reason: 'connection closed before a Certificate message' });
  });

  it('is an error on a fatal alert after the ServerHello, and reads on after a warning', () => {
    const alert = (level: number) => record(CONTENT.alert, 0x0300, Buffer.from([level, 40]));
    expect(feed([hs(serverHello()), alert(2)])).toEqual({ kind: 'error', reason: 'alert handshake_failure before a Certificate message' });
    expect(feed([hs(serverHello()), alert(1), hs(certificate(leaf))])).toEqual(chainOf(leaf));
  });

  it('marks a refused hello so that the caller may try another version or bundle', () => {
    expect(feed([record(CONTENT.alert, 0x0300, Buffer.from([2, 40]))])).toEqual({
      kind: 'error',
      reason: 'alert handshake_failure',
      refused: true,
    });
    expect(feed([hs(serverHello(0x0300, 0x000a), certificate(leaf))])).toEqual({
      kind: 'error',
      reason: expect.stringMatching(/not offered/),
    });
  });
});

describe('the Certificate message body', () => {
  it('lists DER certificates leaf first', () => {
    expect(parseCertificateMessage(vec24(Buffer.concat([vec24(leaf), vec24(other)])))).toEqual([leaf, other]);
  });

  it.each([
    ['a list longer than the message', Buffer.from([0, 0, 9, 0, 0, 1, 1])],
    ['an entry longer than the list', vec24(Buffer.from([0, 0, 5, 1]))],
    ['stray bytes after the list', Buffer.concat([vec24(vec24(other)), Buffer.from([0])])],
    ['an empty entry', vec24(Buffer.from([0, 0, 0]))],
  ])('rejects %s', (_, body) => {
    expect(() => parseCertificateMessage(body)).toThrow();
  });

  it('an empty list is read as a chain-less error, not a crash', () => {
    expect(feed([hs(serverHello(), handshake(HANDSHAKE.certificate, vec24(Buffer.alloc(0))))])).toEqual({
      kind: 'error',
      reason: 'the server sent an empty certificate list',
    });
  });
});
