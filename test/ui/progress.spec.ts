import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from './fixtures';
import { seriousViolations } from './axe';
import { createWorkspaceInUi } from './helpers';
import { largeJson, largeZip } from '../fixtures/large-files';
import { WORKSPACE_TEMP_DIR } from '../../main/services/workspace/workspace-temp';

const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };
const MB = 1024 * 1024;
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

for (const scheme of ['light', 'dark'] as const) {
  test(`verifying a large bundle shows files and bytes; Cancel by keyboard stops it and nothing was changed (${scheme})`, async ({
    launch,
    workspaceDir,
  }) => {
    test.setTimeout(120_000);
    const bundle = largeZip(64);
    const before = { sha: sha(bundle), files: readdirSync(dirname(bundle)) };
    const app = await launch();
    const { page, services } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await services.workspaces.create({
      folder: workspaceDir,
      companyName: 'Acme Analytics',
      systemName: 'Acme Cloud',
      asOfDate: '2026-12-31',
      categories: ['security'],
      me: DANA,
    });
    await page.getByTestId('nav-export').click();
    await page.getByTestId('verify-path').fill(bundle);
    // Enter on Verify starts it; the keyboard focus moves to Cancel while the button is busy.
    await page.getByTestId('verify-start').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('verify-cancel')).toBeFocused();
    await expect(page.getByTestId('verify-progress-message')).toContainText(/Checking \d+ of 64 files, .* of 16 GB/);
    // The hashing runs in this process beside the test: axe reads the panel, not the whole screen, in time.
    expect(await seriousViolations(page, { include: '[data-testid="verify-panel"]' }), 'verify in progress').toEqual(
      [],
    );
    await page.keyboard.press('Enter');
    // Cancel lands at the next chunk, which a loaded machine may take a while to reach.
    await expect(page.getByTestId('verify-cancelled')).toContainText('Verification cancelled — nothing was changed.', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('verify-progress')).toHaveCount(0);
    await expect(page.getByTestId('verify-report')).toHaveCount(0);
    await expect(page.getByTestId('error-notice')).toHaveCount(0);
    await expect(page.getByTestId('verify-start')).toBeEnabled();
    expect(await seriousViolations(page), 'verify cancelled').toEqual([]);
    const events = app.pushed.filter(
      (e) => e.event === 'progress' && (e.payload as { task: string }).task === 'verify',
    );
    const last = events.at(-1)!.payload as { done: number; total: number };
    expect(last.done).toBeLessThan(last.total);
    expect({ sha: sha(bundle), files: readdirSync(dirname(bundle)) }).toEqual(before);
  });

  test(`importing a large file shows bytes copied, checked and hashed; Cancel by keyboard adds nothing (${scheme})`, async ({
    launch,
    workspaceDir,
  }) => {
    test.setTimeout(120_000);
    const source = largeJson(400);
    const app = await launch({
      adapters: { pickFiles: async () => [source] },
      services: { evidence: { importMaxBytes: 1024 * MB } },
    });
    const { page, services } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await createWorkspaceInUi(page, workspaceDir);
    const activity = readFileSync(join(workspaceDir, 'activity.jsonl'), 'utf8');
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('control-row-vendor-risk-management').click();
    await page.getByTestId('add-evidence').click();
    await page.getByTestId('import-choose').click();
    await expect(page.getByTestId('import-pending')).toContainText('vendor-inventory.json');
    await page.getByTestId('import-title').fill('Vendor inventory');
    await page.getByTestId('import-submit').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('import-cancel')).toBeFocused();
    await expect(page.getByTestId('import-progress-message')).toContainText('vendor-inventory.json');
    // The content check runs in a worker for most of the import: the view holds still while axe reads it.
    await expect(page.getByTestId('import-progress-message')).toHaveText('Checking what vendor-inventory.json holds', {
      timeout: 30_000,
    });
    expect(await seriousViolations(page, { include: '[data-testid="import-panel"]' }), 'import in progress').toEqual(
      [],
    );
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('import-cancelled')).toContainText(
      'Import cancelled — nothing was added to the workspace.',
      { timeout: 30_000 },
    );
    await expect(page.getByTestId('import-progress')).toHaveCount(0);
    await expect(page.getByTestId('import-panel').getByTestId('error-notice')).toHaveCount(0);
    // The file stays listed, to import later; nothing of it reached the workspace.
    await expect(page.getByTestId('import-pending')).toContainText('vendor-inventory.json');
    await expect(page.getByTestId('import-submit')).toBeEnabled();
    expect(await seriousViolations(page), 'import cancelled').toEqual([]);
    expect(await services.evidence.list()).toEqual([]);
    expect(readdirSync(join(workspaceDir, WORKSPACE_TEMP_DIR))).toEqual([]);
    expect(readFileSync(join(workspaceDir, 'activity.jsonl'), 'utf8')).toBe(activity);
    const steps = app.pushed
      .filter((e) => e.event === 'progress' && (e.payload as { task: string }).task === 'import')
      .map((e) => (e.payload as { step: string }).step);
    expect(steps[0]).toBe('copying');
    expect(steps).not.toContain('stored');
  });
}
