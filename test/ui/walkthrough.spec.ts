import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { createWorkspaceInUi, pickOption } from './helpers';

test('a founder creates a workspace, builds the team, assigns and progresses a control, and finds it all after a restart', async ({ launch, workspaceDir }) => {
  const app = await launch();
  const { page } = app;
  await createWorkspaceInUi(page, workspaceDir, { categories: ['availability'] });
  await expect(page.getByTestId('workspace-title')).toHaveText('Acme Analytics · Acme Cloud Platform');

  await page.getByTestId('nav-team').click();
  await page.getByTestId('member-name').fill('Ivan Infra');
  await page.getByTestId('member-email').fill('ivan@acme.example');
  await page.getByTestId('member-role').fill('Infrastructure');
  await page.getByTestId('member-add').click();
  await expect(page.getByTestId('team-member')).toHaveCount(2);

  await page.getByTestId('nav-controls').click();
  await page.getByTestId('control-row-iam-mfa-enforcement').click();
  await pickOption(page, 'control-owner', 'Ivan Infra (Infrastructure)');
  await pickOption(page, 'control-status', 'In progress');
  await page.getByTestId('control-notes').fill('Enforce MFA through the Identity Center settings.');
  await page.getByTestId('control-notes-save').click();
  await expect(page.getByTestId('activity-feed')).toContainText('Assigned iam-mfa-enforcement to Ivan Infra');
  // The notes save is the last change made; wait for it to reach the feed before reading the log on disk.
  await expect(page.getByTestId('activity-feed')).toContainText('Edited the notes of iam-mfa-enforcement');
  await expect(page.getByTestId('activity-feed')).toContainText('Dana Founder');

  // The activity log on disk attributes every change to the person who made it.
  const log = readFileSync(join(workspaceDir, 'activity.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(log.map((e) => e.action)).toEqual(
    expect.arrayContaining(['workspace.created', 'team.member-added', 'control.owner-set', 'control.status-set', 'control.notes-set']),
  );
  expect(log.every((e) => e.actor.email === 'dana@acme.example')).toBe(true);

  // Restart: quit, then a new page and new services over the same folders.
  await app.quit();
  const again = await launch({ userDataDir: app.userDataDir });
  await expect(again.page.getByTestId('recent-workspace')).toContainText('Acme Analytics');
  await again.page.getByTestId('recent-workspace').getByRole('button', { name: 'Open' }).click();
  await again.page.getByTestId('nav-controls').click();
  const row = again.page.getByTestId('control-row-iam-mfa-enforcement');
  await expect(row).toContainText('Ivan Infra');
  await expect(row).toContainText('In progress');
  await row.click();
  await expect(again.page.getByTestId('control-notes')).toHaveValue('Enforce MFA through the Identity Center settings.');

  // The dashboard counts it, and the criteria view still covers every criterion in scope.
  await again.page.getByTestId('nav-dashboard').click();
  await expect(again.page.getByTestId('count-in_progress')).toHaveText('1');
  await again.page.getByTestId('nav-criteria').click();
  await expect(again.page.getByTestId('criterion-A1.2')).toContainText('Covered');
  await expect(again.page.getByTestId('coverage-count-uncovered')).toHaveText('0 not covered');
});

test('assigned-to-me follows the person using the app', async ({ launch, workspaceDir }) => {
  const { page } = await launch();
  await createWorkspaceInUi(page, workspaceDir, { categories: ['availability'] });
  await page.getByTestId('nav-controls').click();
  await page.getByTestId('control-row-iam-root-account').click();
  await pickOption(page, 'control-owner', 'Dana Founder (Workspace creator)');
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('assigned-to-me')).toContainText('Root account');
});
