import {
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { ListKeysCommand } from '@aws-sdk/client-kms';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { startAwsSandbox } from './index.js';
import { clientsFor, rejection } from '../../../test/support/aws/sandbox.js';

const account = { id: '123456789012', regions: ['us-east-1'] };

describe('aws sandbox: injected faults', () => {
  it("throttles every matching call with each protocol's own throttling error, and nothing else", async () => {
    const sandbox = await startAwsSandbox({
      accounts: [account],
      organization: {},
      faults: { throttle: { percent: 100, actions: ['iam:List*', 's3:*', 'kms:*', 'ec2:*', 'organizations:*'] } },
    });
    try {
      const c = clientsFor(sandbox);
      const cases: [() => Promise<unknown>, string, number][] = [
        [() => c.iam.send(new ListUsersCommand({})), 'Throttling', 400],
        [() => c.s3.send(new ListBucketsCommand({})), 'SlowDown', 503],
        [() => c.kms.send(new ListKeysCommand({})), 'ThrottlingException', 400],
        [() => c.ec2.send(new DescribeRegionsCommand({})), 'RequestLimitExceeded', 503],
        [() => c.organizations.send(new ListAccountsCommand({})), 'TooManyRequestsException', 400],
      ];
      for (const [call, name, status] of cases) {
        const err = await rejection(call());
        expect([err.name, err.$metadata.httpStatusCode]).toEqual([name, status]);
      }
      expect((await c.iam.send(new GetAccountSummaryCommand({}))).SummaryMap?.Users).toBe(0);
      expect((await c.sts.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    } finally {
      await sandbox.stop();
    }
  });

  it('throttles a seeded share of calls, the same calls on every run', async () => {
    const throttledOf = async () => {
      const sandbox = await startAwsSandbox({ accounts: [account], faults: { throttle: { percent: 30, seed: 42 } } });
      try {
        const c = clientsFor(sandbox);
        const outcomes: boolean[] = [];
        for (let i = 0; i < 40; i++)
          outcomes.push(
            await c.sts.send(new GetCallerIdentityCommand({})).then(
              () => true,
              () => false,
            ),
          );
        return outcomes;
      } finally {
        await sandbox.stop();
      }
    };
    const [a, b] = [await throttledOf(), await throttledOf()];
    expect(a).toEqual(b);
    const failed = a.filter((ok) => !ok).length;
    expect(failed).toBeGreaterThan(3);
    expect(failed).toBeLessThan(25);
  });

  it('adds latency to every answer', async () => {
    const sandbox = await startAwsSandbox({ accounts: [account], faults: { latencyMs: { min: 5, max: 10 } } });
    try {
      const id = await clientsFor(sandbox).sts.send(new GetCallerIdentityCommand({}));
      expect(id.Account).toBe('123456789012');
      expect(sandbox.stats().byOperation).toEqual({ 'sts:GetCallerIdentity': 1 });
    } finally {
      await sandbox.stop();
    }
  });
});

describe('aws sandbox: faults.inject', () => {
  it("answers 500 and 503 in each protocol's form, resets connections and spoils bodies", async () => {
    const sandbox = await startAwsSandbox({
      accounts: [account],
      faults: {
        inject: [
          { match: ['kms:ListKeys'], percent: 100, kinds: ['internal'] },
          { match: ['s3:ListBuckets'], percent: 100, kinds: ['unavailable'] },
          { match: ['iam:ListUsers'], percent: 100, kinds: ['reset'] },
          { match: ['sts:GetCallerIdentity'], percent: 100, kinds: ['malformed'] },
        ],
      },
    });
    try {
      const c = clientsFor(sandbox);
      const kms = await rejection(c.kms.send(new ListKeysCommand({})));
      expect([kms.name, kms.$metadata.httpStatusCode]).toEqual(['KMSInternalException', 500]);
      const s3 = await rejection(c.s3.send(new ListBucketsCommand({})));
      expect(s3.$metadata.httpStatusCode).toBe(503);
      const reset = await rejection(c.iam.send(new ListUsersCommand({})));
      expect(reset.$metadata.httpStatusCode).toBeUndefined();
      expect(reset.message).toMatch(/socket hang up|ECONNRESET/);
      const malformed = await rejection(c.sts.send(new GetCallerIdentityCommand({})));
      expect(malformed.$metadata.httpStatusCode).toBe(200);
      // Other operations are untouched.
      expect((await c.iam.send(new GetAccountSummaryCommand({}))).SummaryMap?.Users).toBe(0);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('aws sandbox: a credential report that takes time', () => {
  it('answers ReportInProgress the configured number of times, then the report', async () => {
    const sandbox = await startAwsSandbox({ accounts: [account], faults: { reportInProgress: 2 } });
    try {
      const iam = clientsFor(sandbox).iam;
      expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
      expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('INPROGRESS');
      for (let i = 0; i < 2; i++) {
        const err = await rejection(iam.send(new GetCredentialReportCommand({})));
        expect([err.name, err.$metadata.httpStatusCode]).toEqual(['CredentialReportNotReadyException', 404]);
      }
      expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
      expect((await iam.send(new GetCredentialReportCommand({}))).ReportFormat).toBe('text/csv');
    } finally {
      await sandbox.stop();
    }
  });
});
