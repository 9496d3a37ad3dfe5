/** The STARTTLS protocols and their usual ports: kept free of the dialogues, so that parsing a flag loads none. */
export const STARTTLS_PROTOCOLS = ['smtp', 'submission', 'imap', 'pop3', 'ftp', 'ldap', 'postgres', 'mysql'] as const;
export type StartTlsProtocol = (typeof STARTTLS_PROTOCOLS)[number];

/** IANA ports; `submission` is message submission (RFC 6409), SMTP on port 587. */
export const STARTTLS_PORTS: Record<StartTlsProtocol, number> = {
  smtp: 25,
  submission: 587,
  imap: 143,
  pop3: 110,
  ftp: 21,
  ldap: 389,
  postgres: 5432,
  mysql: 3306,
};

export function isStartTlsProtocol(text: string): text is StartTlsProtocol {
  return (STARTTLS_PROTOCOLS as readonly string[]).includes(text);
}
