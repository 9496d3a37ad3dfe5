import { describe, expect, it } from 'vitest';
import { jsonPieces } from './json-pieces.js';
import { jsonText } from './run-folder.js';

describe('jsonPieces', () => {
  const docs: Record<string, Record<string, unknown>> = {
    'a run with results and exceptions': {
      runId: 'r1',
      results: [
        { checkId: 'a.b', resource: 'arn:x', status: 'fail', observed: { nested: [1, { deep: 'line\nbreak "quoted"' }], empty: {} }, factRefs: [] },
        { checkId: 'a.c', resource: 'é ☃ \u2028', status: 'pass', factRefs: ['aws:1/k'] },
      ],
      exceptions: [{ check: 'a.b', reason: 'r', expires: '2030-01-01' }],
    },
    'empty arrays and skipped members': { runId: 'r2', facts: [], gone: undefined, fn: () => 1, zero: 0, nil: null },
    'array elements without a JSON form': { list: [undefined, () => 1, 'kept'] },
    'no members': {},
    'only skipped members': { gone: undefined },
    'a non-array object member': { summary: { pass: 1, fail: 2 }, controls: [{ id: 'A.5.1', checks: [] }] },
  };
  for (const [name, doc] of Object.entries(docs))
    it(`gives the bytes jsonText gives: ${name}`, () => {
      expect([...jsonPieces(doc)].join('')).toBe(jsonText(doc));
    });

  it('stringifies each element of a top-level array on its own', () => {
    const pieces = [...jsonPieces({ runId: 'r', facts: Array.from({ length: 50 }, (_, i) => ({ ref: `t/${i}` })) })];
    expect(pieces.length).toBeGreaterThan(50);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(40);
  });
});
