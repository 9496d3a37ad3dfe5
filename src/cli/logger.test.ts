import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    }),
    { isTTY: false },
  );
  return { stream, lines };
}

describe('the log on stderr', () => {
  it('is JSON lines when stderr is not a terminal, at info by default', () => {
    const { stream, lines } = capture();
    const log = createLogger({ stdout: stream, stderr: stream, env: {}, cwd: '/' });
    log.debug('hidden');
    log.info({ runId: 'r1' }, 'scan finished');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, msg: 'scan finished', runId: 'r1', name: 'annexa' });
  });

  it('never carries a secret, wherever a provider puts it', () => {
    const { stream, lines } = capture();
    const log = createLogger({ stdout: stream, stderr: stream, env: {}, cwd: '/' }, 'debug');
    log.debug({ token: 'ghp_abc', request: { headers: { authorization: 'token ghp_abc' } }, credentials: { secretAccessKey: 'wJalr' }, aws: { secretAccessKey: 'wJalr', sessionToken: 'IQo' } }, 'calling');
    expect(lines.join('\n')).not.toMatch(/ghp_abc|wJalr|IQo/);
    expect(lines.join('\n')).toContain('[redacted]');
  });
});
