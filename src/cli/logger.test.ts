import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Secrets } from '../core/secrets.js';
import { createLogger } from './logger.js';
import { nth } from '../../test/helpers/nth.js';

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
    expect(JSON.parse(nth(lines, 0))).toMatchObject({ level: 30, msg: 'scan finished', runId: 'r1', name: 'annexa' });
  });

  it('never carries a secret, wherever a provider puts it', () => {
    const { stream, lines } = capture();
    const log = createLogger({ stdout: stream, stderr: stream, env: {}, cwd: '/' }, 'debug');
    log.debug(
      {
        token: 'ghp_abc',
        request: { headers: { authorization: 'token ghp_abc' } },
        credentials: { secretAccessKey: 'wJalr' },
        aws: { secretAccessKey: 'wJalr', sessionToken: 'IQo' },
      },
      'calling',
    );
    expect(lines.join('\n')).not.toMatch(/ghp_abc|wJalr|IQo/);
    expect(lines.join('\n')).toContain('[redacted]');
  });

  it("replaces the run's own secret values in any line, whatever field or message carries them", () => {
    const { stream, lines } = capture();
    const secrets = new Secrets().add('hunter2-planted-value', 'the environment variable GITHUB_TOKEN');
    const log = createLogger({ stdout: stream, stderr: stream, env: {}, cwd: '/' }, 'debug', secrets);
    log.warn({ url: 'http://x:hunter2-planted-value@h/' }, 'request to http://x:hunter2-planted-value@h/ failed');
    expect(lines.join('\n')).not.toContain('hunter2-planted-value');
    expect(JSON.parse(nth(lines, 0)).msg).toBe('request to http://x:[redacted]@h/ failed');
  });
});
