import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as a non-TTY would (cron, CI), with its own working folder. */
export async function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const cwd = options.cwd ?? (await mkdtemp(path.join(tmpdir(), 'annexa-cli-')));
  const code = await main(args, { stdout, stderr, env: { ...options.env, NO_COLOR: '1' }, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const tempDir = (prefix = 'annexa-') => mkdtemp(path.join(tmpdir(), prefix));
