import { describe, expect, it } from 'vitest';
import { createTestWorkspace, tempDir } from '../helpers/services';
import { tinyPng, write } from '../evidence/files';

const DETAILS = { title: 'Root MFA', effectiveDate: '2026-11-20', controlIds: ['iam-root-account'] };

describe('Check again on the Export screen', () => {
  it('re-hashes every evidence file, where the pre-flight after a pause in typing keeps the hashes of unchanged files', async () => {
    const { services } = await createTestWorkspace();
    const dir = tempDir();
    for (const seed of [1, 2])
      await services.imports.importFile(
        write(dir, `${seed}.png`, tinyPng(seed)),
        `${seed}.png`,
        DETAILS,
        'file picker',
      );
    const first = await services.exports.preflight({});
    expect(first.filesChecked.count).toBe(2);
    const before = first.filesChecked.oldestCheckAt!;
    await new Promise((r) => setTimeout(r, 5));
    const cached = await services.exports.preflight({});
    expect(cached.filesChecked).toEqual({ count: 2, fresh: false, oldestCheckAt: before });
    const again = await services.exports.preflight({ fresh: true });
    expect(again.filesChecked.fresh).toBe(true);
    expect(again.filesChecked.oldestCheckAt! > before).toBe(true);
    await services.workspaces.close();
  }, 60_000);
});
