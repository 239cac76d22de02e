import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { createWorkspaceInUi, pickOption } from './helpers';

test('a founder creates a workspace, builds the team, assigns and progresses a control, and finds it all after a restart', async ({
  launch,
  workspaceDir,
}) => {
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

  // An exclusion: an expiry in the past is refused with the field named, then a valid one is listed.
  const exclusions = page.getByTestId('exclusions-table');
  await page.getByTestId('exclusion-what').fill('The break-glass user');
  await page.getByTestId('exclusion-approver').fill('Dana Founder');
  await page.getByTestId('exclusion-reason').fill('Sealed in the office safe; MFA would lock us out in an emergency');
  await page.getByTestId('exclusion-expires').fill('2000-01-01');
  await page.getByTestId('exclusion-add').click();
  await expect(page.getByTestId('error-notice').filter({ hasText: 'The exclusion was not saved' })).toContainText(
    'Expires on: 2000-01-01 is in the past',
  );
  await expect(exclusions).toHaveCount(0);
  await page.getByTestId('exclusion-expires').fill('2099-06-30');
  await page.getByTestId('exclusion-add').click();
  await expect(exclusions).toContainText('The break-glass user');
  await expect(exclusions).toContainText('2099-06-30');
  await expect(page.getByTestId('exclusion-what')).toHaveValue('');
  // The exclusion is now the last change made; the log on disk is read once it reached the feed.
  await expect(page.getByTestId('activity-feed')).toContainText(
    'Excluded "The break-glass user" from iam-mfa-enforcement until 2099-06-30',
  );

  // The activity log on disk attributes every change to the person who made it.
  const log = readFileSync(join(workspaceDir, 'activity.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(log.map((e) => e.action)).toEqual(
    expect.arrayContaining([
      'workspace.created',
      'team.member-added',
      'control.owner-set',
      'control.status-set',
      'control.notes-set',
    ]),
  );
  expect(log.every((e) => e.actor.email === 'dana@acme.example')).toBe(true);
  expect(log.filter((e) => e.action === 'control.exclusion-added').map((e) => e.details.reason)).toEqual([
    'Sealed in the office safe; MFA would lock us out in an emergency',
  ]);

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
  await expect(again.page.getByTestId('control-notes')).toHaveValue(
    'Enforce MFA through the Identity Center settings.',
  );
  await expect(again.page.getByTestId('exclusions-table')).toContainText('The break-glass user');
  await expect(again.page.getByTestId('exclusions-table')).toContainText('Dana Founder');

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

test('notes typed but not saved are kept when the person leaves the control', async ({ launch, workspaceDir }) => {
  const { page } = await launch();
  await createWorkspaceInUi(page, workspaceDir);
  const notes = page.getByTestId('control-notes');
  const openControl = async () => {
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('control-row-iam-root-account').click();
  };

  // Left through another screen of the navigation, without pressing Save.
  await openControl();
  await notes.fill('Root has a hardware key in the safe.');
  await page.getByTestId('nav-team').click();
  await expect(page.getByTestId('team-table')).toBeVisible();
  await openControl();
  await expect(notes).toHaveValue('Root has a hardware key in the safe.');
  await expect(page.getByTestId('activity-feed')).toContainText('Edited the notes of iam-root-account');

  // Left through "All controls".
  await notes.fill('Root has a hardware key in the safe. Checked monthly.');
  await page.getByText('← All controls').click();
  await page.getByTestId('control-row-iam-root-account').click();
  await expect(notes).toHaveValue('Root has a hardware key in the safe. Checked monthly.');
  await expect(page.getByTestId('control-notes-state')).not.toContainText('Not saved');

  // Leaving the field saves too, and says so.
  await notes.fill('Root has a hardware key in the safe. Checked monthly by Dana.');
  await expect(page.getByTestId('control-notes-state')).toHaveText('Not saved yet: saved when you leave the field');
  await page.getByTestId('control-status').focus();
  await expect(page.getByTestId('control-notes-state')).toHaveText('Saved');
  await expect(page.getByTestId('activity-feed').getByText('Edited the notes of iam-root-account')).toHaveCount(3);

  const log = readFileSync(join(workspaceDir, 'activity.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(log.filter((e) => e.action === 'control.notes-set' && e.target === 'control:iam-root-account')).toHaveLength(
    3,
  );
  expect(JSON.parse(readFileSync(join(workspaceDir, 'controls.json'), 'utf8')).controls['iam-root-account'].notes).toBe(
    'Root has a hardware key in the safe. Checked monthly by Dana.',
  );
});

test('notes that cannot be saved when the person leaves are shown again with the reason, and saved once possible', async ({
  launch,
  workspaceDir,
}) => {
  const { page } = await launch();
  await createWorkspaceInUi(page, workspaceDir);
  const notes = page.getByTestId('control-notes');
  await page.getByTestId('nav-controls').click();
  await page.getByTestId('control-row-iam-root-account').click();

  // A directory where controls.json belongs: the atomic rename of the save fails.
  const controlsFile = join(workspaceDir, 'controls.json');
  const good = readFileSync(controlsFile, 'utf8');
  rmSync(controlsFile);
  mkdirSync(join(controlsFile, 'blocked'), { recursive: true });
  await notes.fill('Root has a hardware key in the safe.');
  await page.getByTestId('nav-team').click();
  await page.getByTestId('nav-controls').click();
  await page.getByTestId('control-row-iam-root-account').click();
  await expect(notes).toHaveValue('Root has a hardware key in the safe.');
  await expect(page.getByTestId('error-notice').filter({ hasText: 'Notes not saved' })).toBeVisible();

  rmSync(controlsFile, { recursive: true });
  writeFileSync(controlsFile, good);
  await page.getByTestId('control-notes-save').click();
  await expect(page.getByTestId('control-notes-state')).toHaveText('Saved');
  await expect(page.getByTestId('error-notice')).toHaveCount(0);
  expect(JSON.parse(readFileSync(controlsFile, 'utf8')).controls['iam-root-account'].notes).toBe(
    'Root has a hardware key in the safe.',
  );
});
