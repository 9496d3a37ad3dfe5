/**
 * STARTTLS listeners for the sandbox: each connection is greeted and served
 * in the protocol's plaintext dialogue until the client asks for TLS, then
 * handed to a node:tls server with the scenario's versions, suites and
 * certificate. A listener with `offer: false` speaks the same protocol but
 * never upgrades (plaintext only).
 */
import * as asn1js from 'asn1js';
import net, { type Server, type Socket } from 'node:net';
import { Conversation } from '../../providers/tls/starttls/conversation.js';
import { STARTTLS_OID } from '../../providers/tls/starttls/ldap.js';
import { CLIENT } from '../../providers/tls/starttls/mysql.js';
import { SSL_REQUEST } from '../../providers/tls/starttls/postgres.js';
import { listen, nodeServer, type EndpointScenario, type Listening } from './listeners.js';

export type StartTlsServerProtocol = 'smtp' | 'imap' | 'pop3' | 'ftp' | 'ldap' | 'postgres' | 'mysql';

/** A client that says nothing for this long is dropped. */
const IDLE_MS = 10_000;
/** Most commands served on one plaintext connection. */
const MAX_COMMANDS = 20;

/** Serves the plaintext part; resolves true when the client may start TLS now. */
type ServerDialogue = (talk: Conversation, offer: boolean, name: string) => Promise<boolean>;

const smtp: ServerDialogue = async (talk, offer, name) => {
  talk.write(`220 ${name} ESMTP annexa sandbox\r\n`);
  for (let i = 0; i < MAX_COMMANDS; i++) {
    const [verb = '', arg = ''] = (await talk.line()).split(' ');
    switch (verb.toUpperCase()) {
      case 'EHLO':
        talk.write(`250-${name} greets ${arg}\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n${offer ? '250-STARTTLS\r\n' : ''}250 8BITMIME\r\n`);
        break;
      case 'HELO':
        talk.write(`250 ${name}\r\n`);
        break;
      case 'STARTTLS':
        if (offer) {
          talk.write('220 2.0.0 Ready to start TLS\r\n');
          return true;
        }
        talk.write('502 5.5.1 STARTTLS not supported\r\n');
        break;
      case 'QUIT':
        talk.write('221 2.0.0 Bye\r\n');
        return false;
      default:
        talk.write('502 5.5.2 Command not recognised\r\n');
    }
  }
  return false;
};

/** Greets without capabilities, so that a client has to ask (RFC 9051 §7.1 allows either). */
const imap: ServerDialogue = async (talk, offer) => {
  talk.write('* OK annexa sandbox IMAP4rev1 ready\r\n');
  for (let i = 0; i < MAX_COMMANDS; i++) {
    const [tag = '*', command = ''] = (await talk.line()).split(' ');
    switch (command.toUpperCase()) {
      case 'CAPABILITY':
        talk.write(`* CAPABILITY IMAP4rev1 ${offer ? 'STARTTLS ' : ''}LOGINDISABLED\r\n${tag} OK CAPABILITY completed\r\n`);
        break;
      case 'STARTTLS':
        if (offer) {
          talk.write(`${tag} OK Begin TLS negotiation now\r\n`);
          return true;
        }
        talk.write(`${tag} BAD STARTTLS not supported\r\n`);
        break;
      case 'LOGOUT':
        talk.write(`* BYE logging out\r\n${tag} OK LOGOUT completed\r\n`);
        return false;
      default:
        talk.write(`${tag} BAD unknown command\r\n`);
    }
  }
  return false;
};

const pop3: ServerDialogue = async (talk, offer) => {
  talk.write('+OK annexa sandbox POP3 ready\r\n');
  for (let i = 0; i < MAX_COMMANDS; i++) {
    const command = (await talk.line()).toUpperCase();
    if (command === 'CAPA') talk.write(`+OK capability list follows\r\nUSER\r\n${offer ? 'STLS\r\n' : ''}UIDL\r\n.\r\n`);
    else if (command === 'STLS' && offer) {
      talk.write('+OK begin TLS negotiation\r\n');
      return true;
    } else if (command === 'QUIT') {
      talk.write('+OK bye\r\n');
      return false;
    } else talk.write('-ERR unknown command\r\n');
  }
  return false;
};

const ftp: ServerDialogue = async (talk, offer) => {
  talk.write('220-annexa sandbox FTP\r\n welcome\r\n220 ready\r\n');
  for (let i = 0; i < MAX_COMMANDS; i++) {
    const command = (await talk.line()).toUpperCase();
    if (command === 'FEAT') talk.write(`211-Features:\r\n${offer ? ' AUTH TLS\r\n' : ''} UTF8\r\n211 End\r\n`);
    else if ((command === 'AUTH TLS' || command === 'AUTH SSL') && offer) {
      talk.write('234 AUTH TLS OK\r\n');
      return true;
    } else if (command === 'QUIT') {
      talk.write('221 bye\r\n');
      return false;
    } else if (command.startsWith('AUTH ')) talk.write('502 AUTH not supported\r\n');
    else talk.write('530 please log in\r\n');
  }
  return false;
};

/** Answers the SSLRequest; a GSSENCRequest (code 80877104) is declined first, as a server without GSSAPI does. */
const postgres: ServerDialogue = async (talk, offer) => {
  for (let i = 0; i < 2; i++) {
    const request = await talk.bytes(8);
    if (request.equals(SSL_REQUEST)) {
      talk.write(offer ? 'S' : 'N');
      return offer;
    }
    if (request.readUInt32BE(4) !== 80877104) return false;
    talk.write('N');
  }
  return false;
};

/** An Initial Handshake v10 with CLIENT_SSL when offered, then the client's 32-byte SSLRequest. */
const mysql: ServerDialogue = async (talk, offer) => {
  const capabilities = CLIENT.LONG_PASSWORD | CLIENT.PROTOCOL_41 | CLIENT.SECURE_CONNECTION | (offer ? CLIENT.SSL : 0);
  const payload = Buffer.concat([
    Buffer.from([10]),
    Buffer.from('8.0.36-annexa-sandbox\0', 'latin1'),
    Buffer.from([1, 0, 0, 0]), // connection id
    Buffer.from('abcdefgh', 'latin1'), // auth-plugin-data part 1
    Buffer.from([0]),
    Buffer.from([capabilities & 0xff, (capabilities >> 8) & 0xff]),
    Buffer.from([45, 2, 0]), // charset utf8mb4, status autocommit
    Buffer.from([(capabilities >> 16) & 0xff, (capabilities >> 24) & 0xff]),
    Buffer.from([21]),
    Buffer.alloc(10),
    Buffer.from('ijklmnopqrst\0', 'latin1'),
    Buffer.from('caching_sha2_password\0', 'latin1'),
  ]);
  talk.write(Buffer.concat([Buffer.from([payload.length & 0xff, payload.length >> 8, 0, 0]), payload]));
  const head = await talk.bytes(4);
  const body = await talk.bytes(head.readUIntLE(0, 3));
  return offer && body.length === 32 && (body.readUInt32LE(0) & CLIENT.SSL) !== 0;
};

/** An ExtendedResponse to message `id`: success naming the StartTLS OID, or protocolError. */
function ldapResponse(id: number, ok: boolean): Buffer {
  const octets = (text: string) => new asn1js.OctetString({ valueHex: new TextEncoder().encode(text) });
  const fields = [
    new asn1js.Enumerated({ value: ok ? 0 : 2 }),
    octets(''),
    octets(ok ? '' : 'unsupported extended operation'),
    ...(ok ? [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 10 }, valueHex: new TextEncoder().encode(STARTTLS_OID) })] : []),
  ];
  const op = new asn1js.Constructed({ idBlock: { tagClass: 2, tagNumber: 24 }, value: fields });
  return Buffer.from(new asn1js.Sequence({ value: [new asn1js.Integer({ value: id }), op] }).toBER());
}

/** Reads one short-form LDAPMessage and answers it as a StartTLS request (the only operation served). */
const ldap: ServerDialogue = async (talk, offer) => {
  const head = await talk.bytes(2);
  const body = await talk.bytes(head[1] ?? 0);
  const parsed = asn1js.fromBER(new Uint8Array(Buffer.concat([head, body])));
  const [id] = parsed.result instanceof asn1js.Sequence ? parsed.result.valueBlock.value : [];
  const messageId = id instanceof asn1js.Integer ? id.valueBlock.valueDec : 0;
  const asksStartTls = body.includes(Buffer.from(STARTTLS_OID, 'latin1'));
  talk.write(ldapResponse(messageId, offer && asksStartTls));
  return offer && asksStartTls;
};

const DIALOGUES: Record<StartTlsServerProtocol, ServerDialogue> = { smtp, imap, pop3, ftp, ldap, postgres, mysql };

/** The listener: the plaintext dialogue on each connection, then the scenario's TLS server on the same socket. */
export async function startStartTlsListener(e: EndpointScenario, identity: { cert: string; key: string }): Promise<Listening> {
  const spec = e.starttls!;
  const tlsServer = nodeServer({ ...e, kind: 'tls' }, identity);
  const name = e.servername ?? 'sandbox.acme.test';
  const serve = async (socket: Socket) => {
    socket.on('error', () => {});
    const talk = new Conversation(socket, Date.now() + IDLE_MS, `${spec.protocol} client`);
    try {
      if (await DIALOGUES[spec.protocol](talk, spec.offer !== false, name)) tlsServer.emit('connection', talk.release('keep'));
      else socket.end();
    } catch {
      // a client that breaks the dialogue (or leaves) is dropped, as a real server does
      socket.destroy();
    }
  };
  const server: Server = net.createServer((socket) => void serve(socket));
  return listen(server);
}
