import { StartTlsMalformed, StartTlsNotOffered, type Conversation } from './conversation.js';

/** SSLRequest (PostgreSQL protocol §55.2.10): length 8, then the code 1234 << 16 | 5679. */
export const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/**
 * PostgreSQL protocol, "SSL Session Encryption": the client sends SSLRequest
 * and the server answers one byte, `S` (go ahead) or `N` (no SSL). A server
 * too old to know SSLRequest answers an ErrorResponse (`E`): no SSL either.
 * The go-ahead must be the only byte before TLS (CVE-2021-23222): the
 * conversation's hand-over refuses anything more.
 */
export async function postgres(talk: Conversation): Promise<string> {
  talk.write(SSL_REQUEST);
  const [answer = 0] = await talk.bytes(1);
  if (answer === 0x53) return "SSLRequest answered 'S'";
  if (answer === 0x4e) throw new StartTlsNotOffered("PostgreSQL server answered SSLRequest with 'N': it does not accept SSL");
  if (answer === 0x45) throw new StartTlsNotOffered('PostgreSQL server answered SSLRequest with an ErrorResponse: it does not know SSL');
  throw new StartTlsMalformed(`PostgreSQL server answered SSLRequest with byte 0x${answer.toString(16)}, neither 'S' nor 'N'`);
}
