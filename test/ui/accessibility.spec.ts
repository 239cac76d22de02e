import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { seriousViolations } from './axe';
import { createWorkspaceInUi } from './helpers';

/** A firm's list with a title row, one request overdue and one due later (dates far apart from any today). */
const REQUEST_LIST = [
  'Example Assurance LLP request list,,,,',
  'Request #,Request Description,TSC Reference,Due Date,Client Owner',
  'PBC-1,Provide the IAM password policy configuration,CC6.1,2020-01-15,dana@acme.example',
  'PBC-2,Provide the incident response plan,CC7.3,2099-01-15,',
].join('\r\n');

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen has no serious or critical accessibility violation in the ${scheme} theme`, async ({
    launch,
    workspaceDir,
  }) => {
    test.setTimeout(240_000);
    const list = join(mkdtempSync(join(tmpdir(), 'aw-a11y-list-')), 'pbc.csv');
    writeFileSync(list, REQUEST_LIST);
    const { page } = await launch({ adapters: { pickRequestList: async () => list } });
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    expect(await seriousViolations(page), 'welcome screen').toEqual([]);

    await createWorkspaceInUi(page, workspaceDir);
    const screens = await page
      .locator('[data-testid^="nav-"]:not([data-testid="nav-close"])')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')!.slice('nav-'.length)));
    expect(screens).toEqual(
      expect.arrayContaining(['dashboard', 'controls', 'evidence', 'requests', 'export', 'settings']),
    );
    for (const screen of screens) {
      await page.getByTestId(`nav-${screen}`).click();
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page), `${screen} screen`).toEqual([]);
    }
    // A control's page, the one people spend most time on.
    await page.getByTestId('nav-controls').click();
    await page.locator('[data-testid^="control-row-"]').first().click();
    expect(await seriousViolations(page), 'control page').toEqual([]);
    // The Requests screen with a list: the mapping step, the list with its due badges, one request.
    await page.getByTestId('nav-requests').click();
    await page.getByTestId('requests-import').click();
    await page.getByTestId('import-choose-list').click();
    await expect(page.getByTestId('import-plan')).toBeVisible();
    expect(await seriousViolations(page), 'request list mapping step').toEqual([]);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-see-requests').click();
    await expect(page.getByTestId('request-due').first()).toBeVisible();
    expect(await seriousViolations(page), 'request list').toEqual([]);
    await page.getByTestId('request-row-PBC-1').click();
    await expect(page.getByTestId('suggested-control')).toBeVisible();
    expect(await seriousViolations(page), 'one request').toEqual([]);
    // A control with document and screenshot requests, one being marked not applicable.
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('control-row-iam-access-key-rotation').click();
    await page.getByTestId('catalog-request-doc.key-rotation-procedure').getByTestId('catalog-request-mark-na').click();
    await expect(page.getByTestId('catalog-request-na-reason')).toBeVisible();
    expect(await seriousViolations(page), 'control page, marking a request not applicable').toEqual([]);
  });
}

test('the theme follows the system until the person chooses one in Settings, and the choice is kept', async ({
  launch,
  workspaceDir,
}) => {
  const { page } = await launch();
  await page.emulateMedia({ colorScheme: 'dark' });
  await createWorkspaceInUi(page, workspaceDir);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('theme').getByText('Dark', { exact: true }).click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('theme').getByText('Follow the system').click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
});

test('every screen is reached with the keyboard alone, with a visible focus', async ({ launch, workspaceDir }) => {
  const { page } = await launch();
  await createWorkspaceInUi(page, workspaceDir);
  // Tab from the top of the page to the Controls link, and open it with Enter.
  await page.locator('body').focus();
  let reached = false;
  for (let presses = 0; presses < 40 && !reached; presses++) {
    await page.keyboard.press('Tab');
    reached = await page.getByTestId('nav-controls').evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  const outline = await page
    .getByTestId('nav-controls')
    .evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
  expect(outline).not.toMatch(/^none|0px$/);
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid^="control-row-"]').first()).toBeVisible();
  // Into the list: a control opens from the keyboard too.
  let onRow = false;
  for (let presses = 0; presses < 60 && !onRow; presses++) {
    await page.keyboard.press('Tab');
    onRow = await page.evaluate(() => !!document.activeElement?.closest('[data-testid^="control-row-"]'));
  }
  expect(onRow).toBe(true);
  // The arrow keys, Home and End move between the controls list's rows.
  const rows = page.locator('[data-testid^="control-row-"]');
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth((await rows.count()) - 2)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('control-status')).toBeVisible();
});

test('the evidence library is navigable with the arrow keys, and Enter opens the evidence', async ({
  launch,
  workspaceDir,
}) => {
  const { page, services } = await launch();
  await createWorkspaceInUi(page, workspaceDir);
  const ws = services.workspaces.require();
  for (const title of ['Password policy export', 'Vendor inventory', 'Incident response plan']) {
    await ws.evidence.addBytes(`${title}\n`, {
      title,
      kind: 'document',
      mediaType: 'text/plain',
      fileName: 'notes.txt',
      controlIds: ['iam-password-policy'],
      source: { type: 'import', originalName: 'notes.txt' },
      effectiveDate: '2026-12-01',
      capturedBy: { name: 'Dana Founder', email: 'dana@acme.example' },
    });
  }
  await page.getByTestId('nav-evidence').click();
  const rows = page.getByTestId('evidence-row');
  await expect(rows).toHaveCount(3);
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  // Newest first: the second row is the second of the three added.
  await expect(rows.nth(1)).toContainText('Vendor inventory');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('provenance')).toContainText('Added evidence "Vendor inventory"');
});

test('About names the versions and the bundled licenses; Export diagnostics says where it wrote the file', async ({
  launch,
  workspaceDir,
}) => {
  const diagnostics = `${workspaceDir}-diagnostics.zip`;
  const { page } = await launch({ adapters: { pickFile: async () => diagnostics } });
  await createWorkspaceInUi(page, workspaceDir);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('open-about').click();
  const about = page.getByRole('dialog', { name: 'About Audit Workbench' });
  await expect(about.getByTestId('about-versions')).toContainText('0.0.0-test');
  await expect(about.getByTestId('about-versions')).toContainText('not running in Electron');
  await expect(about.getByTestId('about-licenses')).toContainText('zod');
  await expect(about.getByTestId('about-licenses')).toContainText('MIT');
  await page.keyboard.press('Escape');
  await expect(about).toBeHidden();
  await page.getByTestId('export-diagnostics').click();
  await expect(page.getByTestId('diagnostics-written')).toContainText(diagnostics);
});
