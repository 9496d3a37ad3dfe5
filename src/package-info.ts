import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * annexa's own folder: the one holding its package.json, found upwards from
 * this file (src/ when run from sources, dist/src/ when built). Data that
 * auditors review (mappings/, schemas/, fixtures/) lives there, not in dist/.
 */
function findRoot(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`annexa's package.json is not above ${import.meta.dirname}`);
  }
}

export const PACKAGE_ROOT = findRoot();
export const VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
