import type { PolicyDocument } from './types.js';

/**
 * Policy documents as the services hand them back (JSON text, or URL-encoded
 * JSON text from IAM), parsed for the snapshot; judging them is in
 * src/judging/aws/policy.ts.
 */

/** Parses a document given as JSON text, URL-encoded JSON text, or an object already. */
export function parsePolicyDocument(doc: unknown): PolicyDocument {
  if (doc && typeof doc === 'object') return doc as PolicyDocument;
  if (typeof doc !== 'string') throw new SyntaxError('policy document is neither text nor an object');
  const text = doc.trimStart().startsWith('{') ? doc : decodeURIComponent(doc);
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError('policy document is not a JSON object');
  return parsed as PolicyDocument;
}
