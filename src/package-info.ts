import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** annexa's own package.json, found upwards from this file (src/ when run from sources, dist/src/ when built). */
function readPackage(): { name: string; version: string } {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
    if (path.dirname(dir) === dir) return { name: 'annexa', version: '0.0.0' };
  }
}

export const VERSION: string = readPackage().version;
