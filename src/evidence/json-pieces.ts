/**
 * The text `jsonText(doc)` would give, `JSON.stringify(doc, null, 2)` and a
 * newline, produced piece by piece: each element of a top-level array is
 * stringified on its own, so that writing a run of 30,000 results or facts
 * never holds the whole file as one string. The bytes are the same, so
 * hashes, `verify` and earlier runs are unaffected.
 */
export function* jsonPieces(doc: Record<string, unknown>): Generator<string> {
  // JSON.stringify leaves out members whose value has no JSON form (undefined, functions, symbols).
  const members = Object.entries(doc).flatMap(([key, value]) => {
    const whole = Array.isArray(value) ? undefined : JSON.stringify(value, null, 2);
    return Array.isArray(value) || whole !== undefined ? [{ key, value, whole }] : [];
  });
  if (!members.length) {
    yield '{}\n';
    return;
  }
  yield '{';
  for (const [i, { key, value, whole }] of members.entries()) {
    yield `${i ? ',' : ''}\n  ${JSON.stringify(key)}: `;
    if (whole !== undefined) yield indented(whole, '  ');
    else yield* arrayPieces(value as unknown[]);
  }
  yield '\n}\n';
}

function* arrayPieces(items: unknown[]): Generator<string> {
  if (!items.length) {
    yield '[]';
    return;
  }
  yield '[';
  for (let i = 0; i < items.length; i++) {
    // An element without a JSON form is `null` in an array, as JSON.stringify writes it.
    yield `${i ? ',' : ''}\n    ${indented(JSON.stringify(items[i], null, 2) ?? 'null', '    ')}`;
  }
  yield '\n  ]';
}

/** Nests stringified JSON one level deeper: a JSON string never holds a raw line break, so every one is layout. */
const indented = (json: string, by: string) => json.replaceAll('\n', `\n${by}`);
