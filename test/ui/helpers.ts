import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Creates a workspace through the welcome screen, as a founder would on first run. */
export async function createWorkspaceInUi(page: Page, folder: string, options: { categories?: string[] } = {}) {
  await page.getByTestId('new-workspace').click();
  await page.getByTestId('ws-company').fill('Acme Analytics');
  await page.getByTestId('ws-system').fill('Acme Cloud Platform');
  await page.getByTestId('ws-asof').fill('2026-12-31');
  for (const category of options.categories ?? []) await page.getByTestId(`ws-category-${category}`).check();
  await page.getByTestId('ws-me-name').fill('Dana Founder');
  await page.getByTestId('ws-me-email').fill('dana@acme.example');
  await page.getByTestId('ws-folder').fill(folder);
  await page.getByTestId('ws-create').click();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
}

/** Chooses an option of a Mantine select. */
export async function pickOption(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
}
