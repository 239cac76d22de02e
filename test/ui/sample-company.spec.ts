import { expect, test } from './fixtures';

test('the welcome screen creates the sample company in a chosen folder and shows its populated dashboard, marked as a sample', async ({
  launch,
  workspaceDir,
}) => {
  // Creating the sample signs in to its sandbox and runs every check before the dashboard shows.
  test.setTimeout(150_000);
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
  await expect(page.getByTestId('assigned-to-me').locator('a').first()).toBeVisible();
  await expect(page.getByTestId('blockers').locator('tr').first()).toBeVisible();
  expect(app.services.workspaces.require().root).toBe(workspaceDir);

  // The banner stays on every screen; the checks ran against the sandbox, with results of every kind.
  await page.getByTestId('nav-checks').click();
  await expect(page.getByTestId('sample-banner')).toBeVisible();
  await expect(page.getByText('Fail').first()).toBeVisible();
  await expect(page.getByText('Pass').first()).toBeVisible();
  await expect(page.getByText('Needs review').first()).toBeVisible();
});
