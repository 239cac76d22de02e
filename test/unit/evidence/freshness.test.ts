import { describe, expect, it } from 'vitest';
import { createTestWorkspace, tempDir } from '../helpers/services';
import { tinyPng, write } from './files';

/** The workspace's as-of date is 2026-12-31; the default freshness window starts 90 days before, on 2026-10-02. */
const imported = (title: string, effectiveDate: string) => ({
  title,
  effectiveDate,
  controlIds: ['iam-password-policy'],
});

describe('freshness flags where people work', () => {
  it('flags an import by its effective date, not the day it was added, in the Evidence library exactly as the pre-flight does', async () => {
    // Added on 2026-12-20: by the day it was added, no import would be flagged.
    const { services } = await createTestWorkspace({ now: () => new Date('2026-12-20T10:00:00Z') });
    const dir = tempDir();
    const add = (seed: number, details: ReturnType<typeof imported>) =>
      services.imports.importFile(write(dir, `${seed}.png`, tinyPng(seed)), `${seed}.png`, details, 'file picker');
    try {
      const old = await add(1, imported('Policy signed in June', '2026-06-01'));
      const late = await add(2, imported('Policy dated next year', '2027-01-10'));
      const current = await add(3, imported('Policy signed in December', '2026-12-01'));
      const edge = await add(4, imported('First day of the window', '2026-10-02'));

      const listed = new Map((await services.evidence.list()).map((i) => [i.id, i.dateFlags ?? []]));
      expect(listed.get(old.id)).toEqual(['older_than_freshness_window']);
      expect(listed.get(late.id)).toEqual(['captured_after_as_of']);
      expect(listed.get(current.id)).toEqual([]);
      expect(listed.get(edge.id)).toEqual([]);
      expect(old.capturedAt.slice(0, 10)).toBe('2026-12-20');

      const item = await services.evidence.item(old.id);
      expect(item.dateFlags).toEqual(['older_than_freshness_window']);

      const pre = await services.exports.preflight({});
      expect(pre.olderThanFreshness.map((e) => e.id)).toEqual([old.id]);
      expect(pre.capturedAfterAsOf.map((e) => e.id)).toEqual([late.id]);
    } finally {
      await services.workspaces.close();
    }
  }, 60_000);
});
