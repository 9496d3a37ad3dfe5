import { describe, expect, it } from 'vitest';
import type { Result, Status } from '../core/types.js';
import { combineShardResults, type ShardResults } from './shard-results.js';

const ACCOUNT = 'AWS::::Account:111122223333';
const account = { id: 'aws:111122223333', resource: ACCOUNT };
const result = (checkId: string, resource: string, status: Status, message = `${status}`, factRefs: string[] = []): Result => ({
  checkId,
  resource,
  status,
  severity: 'medium',
  message,
  factRefs,
});
const shard = (results: Result[], extra: Partial<ShardResults> = {}): ShardResults => ({
  targets: [account],
  checks: ['aws.kms.key-rotation', 'aws.iam.root-mfa'],
  results,
  ...extra,
});
const keys = (results: Result[]) => results.map((r) => `${r.checkId} ${r.resource} ${r.status} ${r.message}`);

describe('combineShardResults', () => {
  it("keeps a regional check's 'none' on a split account only when every part that ran the check gave it", () => {
    const none = (ref: string) => result('aws.kms.key-rotation', ACCOUNT, 'not_applicable', 'No KMS keys', [ref]);
    const all = combineShardResults([shard([none('a/kms.keys(r1)')]), shard([none('a/kms.keys(r2)')])]);
    expect(keys(all)).toEqual([`aws.kms.key-rotation ${ACCOUNT} not_applicable No KMS keys`]);
    expect(all[0]!.factRefs).toEqual(['a/kms.keys(r1)', 'a/kms.keys(r2)']);
    // A part found a key: the account has keys, and no part's 'none' holds for it.
    const key = result('aws.kms.key-rotation', 'arn:aws:kms:r2:111122223333:key/1', 'pass');
    expect(keys(combineShardResults([shard([none('a/kms.keys(r1)')]), shard([key])]))).toEqual(keys([key]));
  });

  it('keeps the result of a check that only the account-wide part ran, and an error once per message', () => {
    const root = result('aws.iam.root-mfa', ACCOUNT, 'not_applicable', 'no root credentials');
    const left = { elsewhere: [{ target: account.id, checks: ['aws.iam.root-mfa'] }] };
    expect(keys(combineShardResults([shard([root]), shard([], left)]))).toEqual(keys([root]));
    // A part that ran the check and gave nothing on the account found something to judge: the "none" does not hold.
    expect(combineShardResults([shard([root]), shard([])])).toEqual([]);
    const denied = result('aws.kms.key-rotation', ACCOUNT, 'error', 'could not collect: denied');
    const other = result('aws.kms.key-rotation', ACCOUNT, 'error', 'could not collect: timeout');
    expect(keys(combineShardResults([shard([denied]), shard([denied, other])]))).toEqual(keys([denied, other]));
  });

  it('leaves the results of a target held by one shard as they are', () => {
    const tls = { id: 'tls:a:443', resource: 'tls:a:443' };
    const same = result('tls.hsts', 'tls:a:443', 'not_applicable');
    const twice = [same, { ...same }];
    expect(combineShardResults([shard(twice, { targets: [tls] }), shard([])])).toEqual(twice);
  });
});
