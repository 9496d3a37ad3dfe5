import { describe, expect, it } from 'vitest';
import { expectShape } from '../../core/answer-shape.js';
import { answerSchema } from './answers.js';

describe('AWS answer shapes', () => {
  const op = 'rds:DescribeDBSnapshotAttributesCommand';
  const answer = (attribute: object) => ({ DBSnapshotAttributesResult: { DBSnapshotAttributes: [attribute] } });

  it('take a restore attribute with its list of accounts, empty when the snapshot is shared with none', () => {
    expect(() => expectShape(op, answerSchema(op), answer({ AttributeName: 'restore', AttributeValues: [] }))).not.toThrow();
  });

  it('refuse a restore attribute without its list: who may restore is unknown, not nobody', () => {
    expect(() => expectShape(op, answerSchema(op), answer({ AttributeName: 'restore' }))).toThrow(/malformed answer/);
  });
});
