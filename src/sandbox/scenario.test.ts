import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from './scenario.js';

describe('loadScenario', () => {
  it('reads a .json scenario as JSON, validated like a YAML one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'annexa-scenario-'));
    const file = path.join(dir, 'world.json');
    const world = JSON.stringify({ name: 'world', tls: { endpoints: [] } });
    await writeFile(file, world);
    await writeFile(path.join(dir, 'world.yaml'), world);
    expect(loadScenario(file)).toEqual({ name: 'world', tls: { endpoints: [] } });
    expect(loadScenario(file)).toEqual(loadScenario(path.join(dir, 'world.yaml')));
    await writeFile(file, '{"name": "world",');
    expect(() => loadScenario(file)).toThrow(`${file}: not valid JSON`);
    await writeFile(file, JSON.stringify({ name: 'Not A Name' }));
    expect(() => loadScenario(file)).toThrow(`${file}: invalid scenario`);
  });
});
