/** What comes before the first `separator`, or the whole text when it has none: `aws` of `aws.iam.root-mfa`. */
export const firstPart = (text: string, separator: string): string => text.split(separator, 1)[0] ?? text;

/** A value as text: scalars as String() writes them, objects and arrays as JSON (never "[object Object]"). */
export function textOf(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** The first line of a message whose later lines are detail (a parser's code excerpt, a stack). */
export const firstLine = (text: string): string => firstPart(text, '\n');
