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

describe('CloudTrail GetEventSelectors', () => {
  const op = 'cloudtrail:GetEventSelectorsCommand';
  const TrailARN = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main';

  it.each([
    ['basic selectors', { TrailARN, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }],
    [
      'advanced selectors',
      { TrailARN, AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] },
    ],
    ['an empty list of basic selectors', { TrailARN, EventSelectors: [] }],
  ])('take an answer with %s', (_, answer) => {
    expect(() => expectShape(op, answerSchema(op), answer)).not.toThrow();
  });

  it('refuse an answer with neither list: what the trail records is unknown, not "no management events"', () => {
    expect(() => expectShape('cloudtrail:GetEventSelectors', answerSchema(op), { TrailARN })).toThrow(
      'cloudtrail:GetEventSelectors: malformed answer: no EventSelectors or AdvancedEventSelectors',
    );
  });
});

describe('RDS lists', () => {
  const instance = { DBInstanceIdentifier: 'db1', DBInstanceArn: 'arn:aws:rds:us-east-1:111122223333:db:db1' };
  const cluster = { DBClusterIdentifier: 'c1', DBClusterArn: 'arn:aws:rds:us-east-1:111122223333:cluster:c1' };
  const judged = { StorageEncrypted: true, PubliclyAccessible: false, BackupRetentionPeriod: 7 };

  it.each([
    ['PubliclyAccessible', 'a public instance would read as private'],
    ['StorageEncrypted', 'encryption unknown, not off'],
    ['BackupRetentionPeriod', 'backups unknown, not off'],
  ])('refuse an instance without %s (%s)', (field) => {
    const op = 'rds:DescribeDBInstancesCommand';
    const item: Record<string, unknown> = { ...instance, ...judged };
    delete item[field];
    expect(() => expectShape(op, answerSchema(op), { DBInstances: [item] })).toThrow(`malformed answer: no DBInstances.0.${field}`);
    expect(() => expectShape(op, answerSchema(op), { DBInstances: [{ ...instance, ...judged }] })).not.toThrow();
  });

  it('take an Aurora cluster without PubliclyAccessible (its instances carry it), refuse one without its member list', () => {
    const op = 'rds:DescribeDBClustersCommand';
    const aurora = { ...cluster, StorageEncrypted: true, BackupRetentionPeriod: 7, DBClusterMembers: [] };
    expect(() => expectShape(op, answerSchema(op), { DBClusters: [aurora] })).not.toThrow();
    const { DBClusterMembers: _, ...withoutMembers } = aurora;
    expect(() => expectShape(op, answerSchema(op), { DBClusters: [withoutMembers] })).toThrow(/no DBClusters\.0\.DBClusterMembers/);
  });

  it('refuse a snapshot without Encrypted', () => {
    const op = 'rds:DescribeDBSnapshotsCommand';
    const snapshot = { DBSnapshotIdentifier: 's1', DBSnapshotArn: 'arn:aws:rds:us-east-1:111122223333:snapshot:s1' };
    expect(() => expectShape(op, answerSchema(op), { DBSnapshots: [snapshot] })).toThrow(/no DBSnapshots\.0\.Encrypted/);
  });
});

describe('Config DescribeConfigurationRecorders', () => {
  const op = 'config:DescribeConfigurationRecordersCommand';
  it('refuses a customer managed recorder without its recording group: what it records is unknown, not everything', () => {
    expect(() => expectShape(op, answerSchema(op), { ConfigurationRecorders: [{ name: 'default' }] })).toThrow(
      /no ConfigurationRecorders\.0\.recordingGroup/,
    );
    const group = { recordingGroup: { allSupported: true } };
    expect(() => expectShape(op, answerSchema(op), { ConfigurationRecorders: [{ name: 'default', ...group }] })).not.toThrow();
  });

  it('takes a service-linked recorder as it comes (it is not judged)', () => {
    const linked = { name: 'AWSConfigurationRecorderForX', servicePrincipal: 'x.amazonaws.com' };
    expect(() => expectShape(op, answerSchema(op), { ConfigurationRecorders: [linked] })).not.toThrow();
  });
});
