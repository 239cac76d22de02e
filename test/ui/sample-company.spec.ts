import { expect, test } from './fixtures';

test('the welcome screen creates the sample company in a chosen folder and shows its populated dashboard, marked as a sample', async ({
  launch,
  workspaceDir,
}) => {
  // Creating the sample signs in to its sandbox and runs every check before the dashboard shows.
  test.setTimeout(300_000);
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
  // machine. When it ends, the latest results reload on their own.
  await expect
    .poll(async () => (await app.services.checks.latest()).length, { timeout: 150_000, intervals: [2_000] })
    .toBeGreaterThanOrEqual(24);
  await expect(page.getByTestId('latest-results').getByText('Fail').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('latest-results').getByText('Pass').first()).toBeVisible();
  await expect(page.getByTestId('latest-results').getByText('Needs review').first()).toBeVisible();
});
