/**
 * A small XML writer for the answers of the Query, EC2 and REST-XML
 * protocols. Objects become nested elements in key order, arrays become
 * repeated `<member>` elements (Query), `<item>` (EC2) or a named element,
 * undefined values are left out — as AWS leaves out absent members.
 */
export type XmlValue = string | number | boolean | Date | undefined | null | XmlObject | XmlList;
export interface XmlObject {
  [name: string]: XmlValue | XmlValue[];
}
export class XmlList {
  constructor(
    readonly items: XmlValue[],
    readonly itemName: string,
    readonly flat = false,
  ) {}
}

/** Repeated `<itemName>` elements inside the key's element (`flat`: directly, without a wrapper). */
export function list(items: XmlValue[], itemName: string, flat = false): XmlList {
  return new XmlList(items, itemName, flat);
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function text(v: string | number | boolean | Date): string {
  if (v instanceof Date) return v.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return escapeXml(String(v));
}

export function element(name: string, value: XmlValue | XmlValue[], memberName = 'member'): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return element(name, list(value, memberName), memberName);
  if (value instanceof XmlList) {
    const inner = value.items.map((v) => element(value.itemName, v, memberName)).join('');
    return value.flat ? inner : `<${name}>${inner}</${name}>`;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    const inner = Object.entries(value)
      .map(([k, v]) => element(k, v, memberName))
      .join('');
    return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${text(value)}</${name}>`;
}

/** A whole document: the root element carries the namespace. */
export function document(root: string, namespace: string | undefined, body: XmlObject, memberName = 'member'): string {
  const inner = Object.entries(body)
    .map(([k, v]) => element(k, v, memberName))
    .join('');
  const ns = namespace ? ` xmlns="${namespace}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n${inner === '' ? `<${root}${ns}/>` : `<${root}${ns}>${inner}</${root}>`}`;
}
