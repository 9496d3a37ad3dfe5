import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS, CALLER_ACTIONS } from '../../src/providers/aws/actions.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE = path.join(ROOT, 'src/providers/aws');
const doc = readFileSync(path.join(ROOT, 'docs/aws-permissions.md'), 'utf8');

/** The action list of the first JSON policy in the document. */
function documentedActions(): string[] {
  const json = doc.match(/```json\n([\s\S]*?)```/)?.[1] ?? '';
  const policy = JSON.parse(json) as { Statement: { Action: string[] }[] };
  return policy.Statement.flatMap((s) => s.Action);
}

/** The AwsService name of a client package whose name differs from it. */
const SERVICE_OF_PACKAGE: Record<string, string> = { 's3-control': 's3control', 'config-service': 'config', 'cloudwatch-logs': 'logs' };

/** SDK commands the AWS source imports from the @aws-sdk clients, by service. */
function importedCommands(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(SOURCE).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const text = readFileSync(path.join(SOURCE, file), 'utf8');
    // The SDK is loaded with require (sdk.ts): `const { XCommand, YCommand: Alias } = sdk('@aws-sdk/client-NAME')`.
    for (const [, names = '', pkg = ''] of text.matchAll(/const \{([^}]*)\} = sdk\('@aws-sdk\/client-([a-z0-9-]+)'\)/g)) {
      const service = SERVICE_OF_PACKAGE[pkg] ?? pkg;
      for (const [, name] of names.matchAll(/\b(\w+Command)\b(?:\s*:\s*\w+)?/g)) found.add(`${service}:${name}`);
    }
  }
  return [...found].sort();
}

describe('docs/aws-permissions.md', () => {
  it('lists exactly the actions the AWS source can call', () => {
    expect(documentedActions().sort()).toEqual([...new Set(Object.values(ACTIONS))].sort());
  });

  it('knows the action of every SDK command the source imports', () => {
    const known = new Set(Object.keys(ACTIONS));
    expect(importedCommands().filter((c) => !known.has(c))).toEqual([]);
    expect(importedCommands().length).toBeGreaterThan(15);
  });

  it('holds only reads', () => {
    const notRead = documentedActions().filter(
      (a) => !/^[a-z0-9-]+:(Get|List|Describe|BatchGet)[A-Za-z]+$/.test(a) && a !== 'iam:GenerateCredentialReport',
    );
    expect(notRead).toEqual([]);
  });

  it('names SecurityAudit and explains the caller-side sts:AssumeRole', () => {
    expect(doc).toContain('arn:aws:iam::aws:policy/SecurityAudit');
    for (const action of CALLER_ACTIONS) expect(doc).toContain(action);
    expect(documentedActions()).not.toContain('sts:AssumeRole');
  });
});
