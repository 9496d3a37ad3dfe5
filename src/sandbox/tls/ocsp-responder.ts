import { webcrypto, X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SandboxCa } from './certs.js';
import { listenTracked, type RawListener } from './raw-listener.js';

/**
 * A loopback OCSP responder for the sandbox CA (RFC 6960 over HTTP POST): it
 * answers `revoked` for the serials it is told, `good` for any other
 * certificate, signed with the CA's own key (the responder is the issuer, as
 * many CAs' are). `answerFor` builds the same answer for a server to staple.
 */
export interface OcspResponder extends RawListener {
  url: string;
  revoke(serialHex: string): void;
  /** A signed answer about `leafPem`, as a server staples it. */
  answerFor(leafPem: string): Promise<Buffer>;
}

const MAX_REQUEST = 16 * 1024;
const DAY_MS = 86_400_000;

export async function startOcspResponder(ca: SandboxCa): Promise<OcspResponder> {
  const issuer = pkijs.Certificate.fromBER(new X509Certificate(ca.pem).raw);
  const pkcs8 = ca.keys.privateKey.export({ type: 'pkcs8', format: 'der' });
  const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  const revoked = new Set<string>();
  const sign = (ids: pkijs.CertID[]) => signedAnswer(ids, issuer, key, revoked);
  const server = createServer((req, res) => {
    const reply = (body: Buffer) => res.writeHead(200, { 'Content-Type': 'application/ocsp-response' }).end(body);
    readRequest(req)
      .then((der) => sign(pkijs.OCSPRequest.fromBER(der).tbsRequest.requestList.map((r) => r.reqCert)))
      .then(reply, () => reply(Buffer.from(status(1).toSchema().toBER()))); // malformedRequest
  });
  const running = await listenTracked(server);
  return {
    ...running,
    url: `http://127.0.0.1:${running.port}/`,
    revoke: (serial) => revoked.add(normalSerial(serial)),
    answerFor: async (leafPem) => {
      const id = new pkijs.CertID();
      await id.createForCertificate(pkijs.Certificate.fromBER(new X509Certificate(leafPem).raw), {
        hashAlgorithm: 'SHA-1',
        issuerCertificate: issuer,
      });
      return sign([id]);
    },
  };
}

function normalSerial(hex: string): string {
  return hex.toUpperCase().replace(/^0+/, '');
}

async function readRequest(req: IncomingMessage): Promise<Buffer> {
  if (req.method !== 'POST') throw new Error('POST only');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function status(code: number, basic?: pkijs.BasicOCSPResponse): pkijs.OCSPResponse {
  const responseBytes = basic
    ? new pkijs.ResponseBytes({
        responseType: pkijs.id_PKIX_OCSP_Basic,
        response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
      })
    : undefined;
  return new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: code }), ...(responseBytes ? { responseBytes } : {}) });
}

async function signedAnswer(
  ids: pkijs.CertID[],
  issuer: pkijs.Certificate,
  key: webcrypto.CryptoKey,
  revoked: ReadonlySet<string>,
): Promise<Buffer> {
  const now = new Date();
  const basic = new pkijs.BasicOCSPResponse();
  basic.tbsResponseData.responderID = issuer.subject;
  basic.tbsResponseData.producedAt = now;
  for (const certID of ids) {
    const serial = normalSerial(Buffer.from(certID.serialNumber.valueBlock.valueHexView).toString('hex'));
    const certStatus = revoked.has(serial)
      ? new asn1js.Constructed({
          idBlock: { tagClass: 3, tagNumber: 1 },
          value: [new asn1js.GeneralizedTime({ valueDate: new Date(now.getTime() - DAY_MS) })],
        })
      : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
    basic.tbsResponseData.responses.push(
      new pkijs.SingleResponse({ certID, certStatus, thisUpdate: now, nextUpdate: new Date(now.getTime() + DAY_MS) }),
    );
  }
  await basic.sign(key as Parameters<pkijs.BasicOCSPResponse['sign']>[0], 'SHA-256');
  return Buffer.from(status(0, basic).toSchema().toBER());
}
