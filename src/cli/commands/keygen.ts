import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { generateKeyPair, SIGN_KEY_ENV } from '../../evidence/sign.js';
import type { CliIO } from '../io.js';

/** `annexa keygen`: an Ed25519 key pair to sign run folders with; the private key is written mode 0600 and never printed. */
export async function keygenCommand(flags: { out?: string }, io: CliIO): Promise<void> {
  const base = path.resolve(io.cwd, flags.out ?? 'annexa-signing');
  const { privatePem, publicPem, keyId } = generateKeyPair();
  for (const file of [`${base}.key`, `${base}.pub`])
    if (existsSync(file)) throw new UsageError(`${file} exists: not overwriting a key (choose another --out)`);
  const write = async (file: string, text: string, mode: number) => {
    try {
      // 'wx' again: a file that appeared meanwhile is not overwritten either.
      await writeFile(file, text, { flag: 'wx', mode });
    } catch (err) {
      throw new UsageError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };
  await write(`${base}.key`, privatePem, 0o600);
  await write(`${base}.pub`, publicPem, 0o644);
  io.stdout.write(
    `private key ${base}.key (mode 0600: keep it secret; sign with scan --sign-key or $${SIGN_KEY_ENV})\n` +
      `public key  ${base}.pub (give it to auditors: annexa verify RUN_DIR --public-key ${path.basename(base)}.pub)\n` +
      `key id      ${keyId}\n`,
  );
}
