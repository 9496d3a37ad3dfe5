/** What comes before the first `separator`, or the whole text when it has none: `aws` of `aws.iam.root-mfa`. */
export const firstPart = (text: string, separator: string): string => text.split(separator, 1)[0] ?? text;

/** The first line of a message whose later lines are detail (a parser's code excerpt, a stack). */
export const firstLine = (text: string): string => firstPart(text, '\n');
