import * as asn1js from 'asn1js';
import { quote, StartTlsFailed, StartTlsMalformed, StartTlsNotOffered, type Conversation } from './conversation.js';

/** RFC 4511 §4.14.1: the StartTLS extended operation. */
export const STARTTLS_OID = '1.3.6.1.4.1.1466.20037';
/** RFC 4511 §4.4.1: the server's notice that it is closing the connection (messageID 0). */
const NOTICE_OF_DISCONNECTION = '1.3.6.1.4.1.1466.20036';
const APPLICATION = 2;
const CONTEXT = 3;
const EXTENDED_REQUEST = 23;
const EXTENDED_RESPONSE = 24;
/** resultCode names of RFC 4511 §4.1.9 a StartTLS refusal may carry. */
const RESULT_NAMES: Record<number, string> = {
  1: 'operationsError',
  2: 'protocolError',
  3: 'timeLimitExceeded',
  51: 'busy',
  52: 'unavailable',
  53: 'unwillingToPerform',
  80: 'other',
};

/** LDAPMessage { messageID 1, ExtendedRequest { requestName [0] STARTTLS_OID } } in BER. */
export function startTlsRequest(messageId = 1): Buffer {
  const request = new asn1js.Constructed({
    idBlock: { tagClass: APPLICATION, tagNumber: EXTENDED_REQUEST },
    value: [new asn1js.Primitive({ idBlock: { tagClass: CONTEXT, tagNumber: 0 }, valueHex: new TextEncoder().encode(STARTTLS_OID) })],
  });
  return Buffer.from(new asn1js.Sequence({ value: [new asn1js.Integer({ value: messageId }), request] }).toBER());
}

/** One whole LDAPMessage off the wire: a SEQUENCE tag, then its definite length (BER, RFC 4511 §5.1). */
async function readMessage(talk: Conversation): Promise<Buffer> {
  const head = await talk.bytes(2);
  if (head[0] !== 0x30) throw new StartTlsMalformed(`LDAP server sent tag 0x${(head[0] ?? 0).toString(16)} where an LDAPMessage SEQUENCE was expected`);
  const first = head[1] ?? 0;
  if (first < 0x80) return Buffer.concat([head, await talk.bytes(first)]);
  const count = first & 0x7f;
  if (count === 0 || count > 3) throw new StartTlsMalformed(`LDAP server sent a length of ${count} bytes (indefinite or too long)`);
  const lengthBytes = await talk.bytes(count);
  const length = lengthBytes.readUIntBE(0, count);
  return Buffer.concat([head, lengthBytes, await talk.bytes(length)]);
}

export interface ExtendedResponse {
  messageId: number;
  resultCode: number;
  diagnosticMessage: string;
  responseName: string | null;
}

/** The fields of an ExtendedResponse LDAPMessage; anything else is malformed. */
export function parseExtendedResponse(der: Buffer): ExtendedResponse {
  const malformed = (why: string) => new StartTlsMalformed(`LDAP server's answer is not an ExtendedResponse: ${why}`);
  const parsed = asn1js.fromBER(new Uint8Array(der));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw malformed('not a BER SEQUENCE');
  const [id, op] = parsed.result.valueBlock.value;
  if (!(id instanceof asn1js.Integer)) throw malformed('no messageID');
  if (!(op instanceof asn1js.Constructed) || op.idBlock.tagClass !== APPLICATION || op.idBlock.tagNumber !== EXTENDED_RESPONSE)
    throw malformed(`protocolOp is not [APPLICATION ${EXTENDED_RESPONSE}]`);
  const [code, , diagnostic, ...rest] = op.valueBlock.value;
  if (!(code instanceof asn1js.Enumerated)) throw malformed('no resultCode');
  const octets = (b: asn1js.AsnType | undefined) =>
    b instanceof asn1js.BaseBlock ? Buffer.from((b.valueBlock as { valueHexView?: Uint8Array }).valueHexView ?? []).toString('utf8') : '';
  const name = rest.find((b) => b.idBlock.tagClass === CONTEXT && b.idBlock.tagNumber === 10);
  return {
    messageId: id.valueBlock.valueDec,
    resultCode: code.valueBlock.valueDec,
    diagnosticMessage: octets(diagnostic),
    responseName: name ? octets(name) : null,
  };
}

/**
 * RFC 4511 §4.14: an ExtendedRequest naming the StartTLS OID; resultCode 0
 * (success) is the go-ahead. A server that does not know the operation
 * answers protocolError (§4.12); any other code also leaves the connection
 * plaintext. A Notice of Disconnection instead means the server is closing.
 */
export async function ldap(talk: Conversation): Promise<string> {
  talk.write(startTlsRequest());
  const answer = parseExtendedResponse(await readMessage(talk));
  if (answer.messageId === 0 && answer.responseName === NOTICE_OF_DISCONNECTION)
    throw new StartTlsFailed(`LDAP server is closing the connection: ${quote(answer.diagnosticMessage)}`);
  if (answer.messageId !== 1) throw new StartTlsMalformed(`LDAP server answered message ${answer.messageId}, not 1`);
  const code = `${answer.resultCode} ${RESULT_NAMES[answer.resultCode] ?? ''}`.trim();
  const said = answer.diagnosticMessage ? `${code}: ${quote(answer.diagnosticMessage)}` : code;
  if (answer.resultCode !== 0) throw new StartTlsNotOffered(`LDAP server refused StartTLS: resultCode ${said}`);
  return `resultCode ${said.replace(/^0/, '0 success')}`;
}
