import { CHECK_IDS } from '../../shared/catalog';
import { expect, test } from './fixtures';

test('the welcome screen creates the sample company in a chosen folder and shows its populated dashboard, marked as a sample', async ({
  launch,
  workspaceDir,
}) => {
  // Creating the sample signs in to its sandbox and runs every check in both its accounts; the
  // workspace shows as soon as it opens, while that first run goes on.
  test.setTimeout(420_000);
  const app = await launch({ folderAnswers: [workspaceDir] });
  const { page } = app;
  await page.getByTestId('try-sample').click();
  await expect(page.getByTestId('workspace-title')).toHaveText(
    'Example Corp (sample company) · Example Cloud Platform',
    {
      timeout: 60_000,
    },
  );
  await expect(page.getByTestId('sample-banner')).toContainText('SAMPLE, NOT EVIDENCE');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('percent-ready')).not.toHaveText('0%');
  await expect(page.getByTestId('assigned-to-me').getByRole('button').first()).toBeVisible();
  await expect(page.getByTestId('blockers').locator('tr').first()).toBeVisible();
  expect(app.services.workspaces.require().root).toBe(workspaceDir);

  // The banner stays on every screen; the checks ran against the sandbox, with results of every kind.
  await page.getByTestId('nav-checks').click();
  await expect(page.getByTestId('sample-banner')).toBeVisible();
  // The workspace shows as soon as it opens; its first run may still be collecting on a loaded
  // machine (every check in each of the sample's accounts). When it ends, the latest results
  // reload on their own.
  const accounts = app.services.workspaces.require().meta.aws.accountIds;
  expect(accounts.length).toBeGreaterThan(1);
  await expect
    .poll(async () => (await app.services.checks.latest()).length, { timeout: 240_000, intervals: [2_000] })
    .toBe(CHECK_IDS.length * accounts.length);
  await expect(page.getByTestId('latest-results').getByText('Fail').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('latest-results').getByText('Pass').first()).toBeVisible();
  await expect(page.getByTestId('latest-results').getByText('Needs review').first()).toBeVisible();
});
