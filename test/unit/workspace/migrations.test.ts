import { describe, expect, it } from 'vitest';
import { DOCUMENT_MIGRATIONS } from '../../../shared/domain/document-migrations';
import { migrate } from '../../../shared/domain/migrations';
import { WorkspaceMeta } from '../../../shared/domain/workspace';

const v1 = {
  schemaVersion: 1,
  id: 'f3b7c0de-0000-4000-8000-000000000001',
  companyName: 'Acme',
  systemName: 'Acme Cloud',
  auditType: 'SOC2_TYPE1',
  asOfDate: '2026-12-31',
  categories: ['security'],
  createdAt: '2026-11-01T10:00:00.000Z',
  createdBy: { name: 'Dana', email: 'dana@acme.example' },
};

describe('document migrations', () => {
  it('upgrades a v1 workspace.json into a valid current document with default check limits', () => {
    const outcome = migrate(v1, DOCUMENT_MIGRATIONS['workspace.json']);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.migratedFrom).toBe(1);
    const meta = WorkspaceMeta.parse(outcome.doc);
    expect(meta.checkSettings).toEqual({
      passwordMinLength: 14,
      passwordReusePrevention: 24,
      accessKeyMaxAgeDays: 90,
      unusedCredentialDays: 90,
      rootRecentUseDays: 90,
    });
    expect(meta.aws.accountIds).toEqual([]);
  });

  it('does not change the input object', () => {
    const input = structuredClone(v1);
    migrate(input, DOCUMENT_MIGRATIONS['workspace.json']);
    expect(input).toEqual(v1);
  });

  it('refuses newer, unversioned and gap-ridden documents', () => {
    expect(migrate({ ...v1, schemaVersion: 7 }, DOCUMENT_MIGRATIONS['workspace.json'])).toEqual({
      kind: 'too_new',
      version: 7,
    });
    expect(migrate({ companyName: 'x' }, DOCUMENT_MIGRATIONS['workspace.json'])).toEqual({ kind: 'unversioned' });
    expect(migrate([1, 2], DOCUMENT_MIGRATIONS['workspace.json'])).toEqual({ kind: 'unversioned' });
    expect(migrate({ schemaVersion: 1 }, { current: 3, steps: { 1: (d) => d } })).toEqual({
      kind: 'no_path',
      version: 2,
    });
  });

  it('leaves a current document as it is', () => {
    const current = { ...v1, schemaVersion: 2, checkSettings: {}, aws: { accountIds: [] } };
    expect(migrate(current, DOCUMENT_MIGRATIONS['workspace.json'])).toEqual({ kind: 'ok', doc: current });
  });
});
