import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { seedDemoWorkspace } from '../fixtures/demo-workspace';

test('a damaged controls.json is named, explained, and restored from the last good copy on request', async ({
  launch,
  workspaceDir,
}) => {
  const first = await launch();
  await seedDemoWorkspace(first.services, workspaceDir);
  const owner = first.services.controls.states()['iam-root-account']?.ownerId;
  await first.quit();
  writeFileSync(join(workspaceDir, 'controls.json'), '{"schemaVersion": 1, "controls": {"iam-root');

  const app = await launch({ userDataDir: first.userDataDir });
  await app.page.getByTestId('recent-workspace').getByRole('button', { name: 'Open' }).click();
  const notice = app.page.getByTestId('error-notice');
  await expect(notice).toHaveAttribute('data-error-code', 'WORKSPACE_FILE_CORRUPT');
  await expect(notice).toContainText('controls.json is empty or cut short');
  // Nothing was overwritten behind the user's back.
  expect(readFileSync(join(workspaceDir, 'controls.json'), 'utf8')).toBe('{"schemaVersion": 1, "controls": {"iam-root');

  await app.page.getByTestId('restore-backup').click();
  await expect(app.page.locator('[data-app-state="loaded"]')).toBeVisible();
  expect(app.services.controls.states()['iam-root-account']?.ownerId).toBe(owner);
});

test('a workspace open elsewhere says where and since when, and can be taken over', async ({
  launch,
  workspaceDir,
}) => {
  const first = await launch();
  await seedDemoWorkspace(first.services, workspaceDir);
  await first.quit();
  writeFileSync(
    join(workspaceDir, '.workbench.lock'),
    JSON.stringify({
      host: 'ivan-desktop',
      pid: 77,
      user: 'ivan',
      since: '2026-11-25T08:30:00.000Z',
      instanceId: 'other',
    }),
  );

  const app = await launch({ userDataDir: first.userDataDir });
  await app.page.getByTestId('recent-workspace').getByRole('button', { name: 'Open' }).click();
  const notice = app.page.getByTestId('error-notice');
  await expect(notice).toHaveAttribute('data-error-code', 'WORKSPACE_LOCKED');
  await expect(notice).toContainText('"ivan-desktop"');
  await expect(notice).toContainText('2026-11-25T08:30:00.000Z');
  await app.page.getByTestId('take-over').click();
  await expect(app.page.locator('[data-app-state="loaded"]')).toBeVisible();
});

test('restoring a damaged file of a workspace locked on another computer asks first, then restores and opens', async ({
  launch,
  workspaceDir,
}) => {
  const first = await launch();
  await seedDemoWorkspace(first.services, workspaceDir);
  const owner = first.services.controls.states()['iam-root-account']?.ownerId;
  await first.quit();
  writeFileSync(join(workspaceDir, 'controls.json'), '{"schemaVersion": 1, "controls": {"iam-root');
  writeFileSync(
    join(workspaceDir, '.workbench.lock'),
    JSON.stringify({
      host: 'ivan-desktop',
      pid: 77,
      user: 'ivan',
      since: '2026-11-25T08:30:00.000Z',
      instanceId: 'other',
    }),
  );

  const app = await launch({ userDataDir: first.userDataDir });
  await app.page.getByTestId('recent-workspace').getByRole('button', { name: 'Open' }).click();
  await app.page.getByTestId('restore-backup').click();
  const notice = app.page.getByTestId('error-notice');
  await expect(notice).toHaveAttribute('data-error-code', 'WORKSPACE_LOCKED');
  await expect(notice).toContainText('controls.json was not restored');
  await expect(notice).toContainText('"ivan-desktop"');
  expect(readdirSync(workspaceDir).filter((n) => n.includes('.damaged-'))).toEqual([]);

  await app.page.getByTestId('take-over').click();
  await expect(app.page.locator('[data-app-state="loaded"]')).toBeVisible();
  expect(app.services.controls.states()['iam-root-account']?.ownerId).toBe(owner);
});

test('unreadable lines of activity.jsonl are named in the activity feed', async ({ launch, workspaceDir }) => {
  const app = await launch();
  await seedDemoWorkspace(app.services, workspaceDir);
  const path = join(workspaceDir, 'activity.jsonl');
  const intact = readFileSync(path, 'utf8').split('\n').filter(Boolean).length;
  appendFileSync(path, '{"at":"2026-11-26T10:00:0\nnot json\n');
  await app.services.controls.setNotes('iam-root-account', 'Hardware key in the safe.');
  await app.page.reload();
  await app.page.getByTestId('nav-controls').click();
  await app.page.getByTestId('control-row-iam-root-account').click();
  await expect(app.page.getByTestId('activity-feed')).toContainText('Edited the notes of iam-root-account');
  await expect(app.page.getByTestId('activity-unreadable')).toHaveText(
    `2 lines of activity.jsonl could not be read (lines ${intact + 1}, ${intact + 2}): the audit trail there is damaged.`,
  );
});

test('invalid input in a form gets a message naming the field, and changes nothing', async ({
  launch,
  workspaceDir,
}) => {
  const first = await launch();
  await seedDemoWorkspace(first.services, workspaceDir);
  await first.page.reload();
  const { page } = first;
  await page.getByTestId('nav-team').click();
  await page.getByTestId('member-name').fill('Nobody');
  await page.getByTestId('member-email').fill('not-an-email');
  await page.getByTestId('member-add').click();
  await expect(page.getByTestId('error-notice')).toContainText('email');
  await expect(page.getByTestId('team-member')).toHaveCount(4);
});
