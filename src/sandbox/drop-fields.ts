/**
 * A successful answer with some of its fields taken out, wherever they
 * appear: what a service, a proxy or a version skew could send while keeping
 * the answer's syntax. JSON bodies lose the keys; XML bodies lose the
 * elements of those names (an element nested in one of its own name is not
 * handled: no AWS answer annexa reads has one).
 */
export function dropFields(body: string, names: readonly string[]): string {
  if (names.length === 0) return body;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return JSON.stringify(withoutKeys(JSON.parse(body), new Set(names)));
  let out = body;
  for (const name of names) {
    const tag = name.replace(/[^\w.-]/g, '');
    out = out.replace(new RegExp(`<${tag}(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g'), '');
  }
  return out;
}

function withoutKeys(value: unknown, names: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutKeys(v, names));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !names.has(k))
      .map(([k, v]) => [k, withoutKeys(v, names)]),
  );
}
