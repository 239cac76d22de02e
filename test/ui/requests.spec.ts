import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expect, test, type UiFixtures } from './fixtures';
import { pickOption } from './helpers';

const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };

/** A calendar day relative to today, as the screen counts due dates (the local calendar). */
function day(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const csv = (rows: string[][]) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

/**
 * The firm's list: a title row above the header, and an id column headed "Item", which the
 * workbench reads as the request text until the person corrects it.
 */
const firstList = () => [
  ['Example Assurance LLP: SOC 2 Type 1 request list', '', '', '', ''],
  ['', '', '', '', ''],
  ['Item', 'Request Description', 'TSC', 'Due', 'Owner'],
  ['R-1', 'Provide the IAM password policy configuration', 'CC6.1', day(-2), 'dana@acme.example'],
  ['R-2', 'Provide evidence of MFA on the root account', 'CC6.1', day(3), 'Sam Ops'],
  ['R-3', 'Provide the incident response plan', 'CC7.3', day(30), ''],
];

function writeList(name: string, rows: string[][]) {
  const path = join(mkdtempSync(join(tmpdir(), 'aw-ui-list-')), name);
  writeFileSync(path, csv(rows));
  return path;
}

async function setUp(launch: UiFixtures['launch'], workspaceDir: string) {
  const picks: string[] = [];
  const app = await launch({ adapters: { pickRequestList: async () => picks.shift() ?? null } });
  await app.services.workspaces.create({
    folder: workspaceDir,
    companyName: 'Acme Analytics',
    systemName: 'Acme Cloud',
    asOfDate: '2026-12-31',
    categories: ['security'],
    me: DANA,
  });
  await app.services.team.add({ name: 'Sam Ops', email: 'sam@acme.example', role: 'Infrastructure' });
  const policy = await app.services.workspaces.require().evidence.addBytes('MinimumPasswordLength: 14\n', {
    title: 'IAM password policy export',
    kind: 'document',
    mediaType: 'text/plain',
    fileName: 'password-policy.txt',
    controlIds: ['iam-password-policy'],
    source: { type: 'import', originalName: 'password-policy.txt' },
    effectiveDate: '2026-12-20',
    capturedBy: DANA,
  });
  await app.page.reload();
  await expect(app.page.locator('[data-app-state="loaded"]')).toBeVisible();
  return { ...app, picks, policy };
}

/** Imports the first list through the screen, correcting the id and text columns. */
async function importFirstList(page: Page, picks: string[]) {
  picks.push(writeList('example-assurance-pbc.csv', firstList()));
  await page.getByTestId('nav-requests').click();
  await page.getByTestId('requests-import').click();
  await page.getByTestId('import-firm').fill('Example Assurance LLP');
  await page.getByTestId('import-choose-list').click();
  await expect(page.getByTestId('import-file-name')).toHaveText('example-assurance-pbc.csv');
  // The title rows are skipped: the header is found on row 3.
  await expect(page.getByTestId('mapping-header-row')).toHaveText('row 3');
  await expect(page.getByTestId('mapping-top').locator('tr[data-header]')).toContainText('Request Description');
  // "Item" did not read as an id column: nothing can be imported until the person says which is which.
  await expect(page.getByTestId('mapping-incomplete')).toBeVisible();
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await expect(page.getByTestId('mapping-criteria')).toHaveValue('TSC');
  await expect(page.getByTestId('mapping-dueDate')).toHaveValue('Due');
  await expect(page.getByTestId('mapping-text')).toHaveValue('Item');
  await pickOption(page, 'mapping-id', 'Item');
  // A column holds one field: "Item" moved from the text to the id.
  await expect(page.getByTestId('mapping-text')).toHaveValue('');
  await pickOption(page, 'mapping-text', 'Request Description');
  await expect(page.getByTestId('mapping-from')).toContainText('as you chose them');
  await expect(page.getByTestId('plan-added')).toHaveText('3 new');
  await expect(page.getByTestId('plan-added-ids')).toHaveText('R-1, R-2, R-3');
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 3 requests: 3 new, 0 changed, 0 withdrawn');
  await page.getByTestId('import-see-requests').click();
}

test('imports the firm list with a corrected mapping, shows what is due per owner, links suggested evidence, answers, re-imports, and exports the requests into index.html', async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(180_000);
  const { page, picks, policy } = await setUp(launch, workspaceDir);

  // A file that is not a spreadsheet is refused with the reason, and nothing is imported.
  const png = join(mkdtempSync(join(tmpdir(), 'aw-ui-png-')), 'list.xlsx');
  writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  picks.push(png);
  await page.getByTestId('nav-requests').click();
  await page.getByTestId('requests-import').click();
  await page.getByTestId('import-choose-list').click();
  await expect(page.getByTestId('error-notice')).toHaveAttribute('data-error-code', 'IMPORT_REJECTED');
  await expect(page.getByTestId('import-apply')).toHaveCount(0);
  await page.getByRole('button', { name: '← All requests' }).click();

  await importFirstList(page, picks);

  // The list: the firm's own columns, the owner found on the team, the due dates against today.
  const table = page.getByTestId('requests-table');
  await expect(table.locator('thead')).toContainText('Request Description');
  await expect(page.getByTestId('request-row-R-1')).toContainText('Dana Founder');
  await expect(page.getByTestId('request-row-R-1').getByTestId('request-due')).toHaveText('Overdue');
  await expect(page.getByTestId('request-row-R-2').getByTestId('request-due')).toHaveText('Due soon');
  const owner = (name: string) => page.locator(`[data-testid="owner-due"][data-owner="${name}"]`);
  await expect(owner('Dana Founder').getByTestId('owner-overdue')).toHaveText('1');
  await expect(owner('Sam Ops').getByTestId('owner-due-soon')).toHaveText('1');
  await expect(owner('No owner').getByTestId('owner-outstanding')).toHaveText('1');
  await expect(page.getByTestId('requests-per-owner')).toContainText(`As of today, ${day(0)}`);
  // Filter by owner: Sam's one request.
  await owner('Sam Ops').getByRole('button', { name: 'Sam Ops' }).click();
  await expect(page.locator('[data-testid^="request-row-"]')).toHaveCount(1);
  await expect(page.getByTestId('request-row-R-2')).toBeVisible();

  // The dashboard counts, each opening the list filtered to it.
  await page.getByTestId('nav-dashboard').click();
  const counts = page.getByTestId('dashboard-requests');
  await expect(counts.getByTestId('requests-count-open')).toContainText('3');
  await expect(counts.getByTestId('requests-count-due-soon')).toContainText('1');
  await expect(counts.getByTestId('requests-count-overdue')).toContainText('1');
  await expect(counts.getByTestId('requests-count-returned')).toContainText('0');
  await counts.getByTestId('requests-count-overdue').click();
  await expect(page.locator('[data-testid^="request-row-"]')).toHaveCount(1);

  // the suggestions name the control and the evidence; a person confirms the evidence.
  await page.getByTestId('request-row-R-1').click();
  const detail = page.getByTestId('request-detail');
  await expect(detail.getByTestId('request-cells')).toContainText('Provide the IAM password policy configuration');
  const suggestedControl = detail.locator(
    '[data-testid="suggested-control"] [data-suggestion-id="iam-password-policy"]',
  );
  await expect(suggestedControl).toContainText('meets CC6.1');
  const suggestedEvidence = detail.locator(`[data-testid="suggested-evidence"] [data-suggestion-id="${policy.id}"]`);
  await expect(suggestedEvidence).toContainText('IAM password policy export');
  await suggestedEvidence.getByTestId('suggestion-link').click();
  await expect(detail.getByTestId('linked-evidence')).toHaveText('Evidence: IAM password policy export');
  await expect(suggestedEvidence).toHaveCount(0);
  await suggestedControl.getByTestId('suggestion-link').click();
  await expect(detail.getByTestId('links-current')).toContainText('Control: ');

  await pickOption(page, 'answer-status', 'Submitted');
  await page.getByTestId('answer-response').fill('Exported from IAM on 20 December; minimum length 14.');
  await page.getByTestId('answer-save').click();
  await expect(page.getByTestId('answer-saved')).toBeVisible();
  await expect(detail.getByTestId('request-status')).toHaveText('Submitted');

  // R-2 comes back from the auditor: returned needs the auditor's comment before it saves.
  await page.getByRole('button', { name: '← All requests' }).click();
  await page.getByTestId('request-row-R-2').click();
  await pickOption(page, 'answer-status', 'Returned');
  await expect(page.getByTestId('answer-save')).toBeDisabled();
  await expect(page.getByTestId('answer-form')).toContainText("A returned request needs the auditor's comment");
  await page.getByTestId('answer-auditor-comment').fill('Show the root account, not an IAM user');
  await page.getByTestId('answer-save').click();
  await expect(page.getByTestId('request-detail').getByTestId('request-status')).toHaveText('Returned');

  // The firm's next list: R-1 reworded, R-3 gone. The plan shows both before anything changes.
  const second = firstList().slice(0, 5);
  second[3]![1] = 'Provide the IAM password policy configuration and when it last changed';
  picks.push(writeList('example-assurance-pbc-v2.csv', second));
  await page.getByRole('button', { name: '← All requests' }).click();
  await page.getByTestId('requests-import').click();
  await page.getByTestId('import-choose-list').click();
  await expect(page.getByTestId('mapping-from')).toContainText("the columns you confirmed for this firm's last list");
  const change = page.getByTestId('plan-change');
  await expect(change).toHaveCount(1);
  await expect(change).toContainText('R-1');
  await expect(change).toContainText('Request text');
  await expect(change).toContainText('Provide the IAM password policy configuration');
  await expect(change).toContainText('and when it last changed');
  await expect(page.getByTestId('plan-withdrawn-ids')).toHaveText('R-3');
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('import-result')).toContainText('0 new, 1 changed, 1 withdrawn');
  await page.getByTestId('import-see-requests').click();
  // Links and answers survive; the withdrawn request is kept, under its own filter.
  await expect(page.getByTestId('request-row-R-1').getByTestId('request-status')).toHaveText('Submitted');
  await expect(page.getByTestId('request-row-R-1').getByTestId('request-links')).toHaveText('1 control, 1 evidence');
  await expect(page.getByTestId('request-row-R-3')).toHaveCount(0);
  await pickOption(page, 'requests-filter-status', 'Withdrawn');
  await expect(page.getByTestId('request-row-R-3').getByTestId('request-status')).toHaveText('Withdrawn');

  // Export, then find the requests and the linked file in the bundle's index.html.
  await page.getByTestId('nav-export').click();
  const out = join(dirname(workspaceDir), 'bundle-with-requests.zip');
  await page.getByTestId('export-path').fill(out);
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 60_000 });
  const unzipped = mkdtempSync(join(tmpdir(), 'aw-ui-requests-bundle-'));
  execFileSync('unzip', ['-q', out, '-d', unzipped]);
  const viewer = await page.context().newPage();
  await viewer.goto(pathToFileURL(join(unzipped, 'index.html')).href);
  const section = viewer.locator('section#requests');
  const row = (id: string) =>
    section.locator('tr').filter({ has: viewer.locator('td code', { hasText: new RegExp(`^${id}$`) }) });
  await expect(row('R-1')).toContainText('and when it last changed');
  await expect(row('R-1')).toContainText('Submitted');
  await expect(row('R-1')).toContainText('Exported from IAM on 20 December');
  await expect(row('R-2')).toContainText('Show the root account, not an IAM user');
  const link = row('R-1').locator('a');
  await expect(link).toHaveCount(1);
  const href = await link.getAttribute('href');
  expect(existsSync(join(unzipped, href!))).toBe(true);
  await link.click();
  await expect(viewer.locator('body')).toContainText('MinimumPasswordLength: 14');
  await viewer.close();
});

test('the Requests screen works from the keyboard: a request opens with Enter and a suggestion links with Enter', async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(120_000);
  const { page, picks, policy } = await setUp(launch, workspaceDir);
  await importFirstList(page, picks);
  await page.locator('body').focus();
  let onRow = false;
  for (let presses = 0; presses < 60 && !onRow; presses++) {
    await page.keyboard.press('Tab');
    onRow = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'request-row-R-1');
  }
  expect(onRow).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('request-detail')).toHaveAttribute('data-request-id', 'R-1');
  const link = page.locator(`[data-suggestion-id="${policy.id}"] [data-testid="suggestion-link"]`);
  let onLink = false;
  for (let presses = 0; presses < 80 && !onLink; presses++) {
    await page.keyboard.press('Tab');
    onLink = await link.evaluate((el) => el === document.activeElement);
  }
  expect(onLink).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('linked-evidence')).toHaveText('Evidence: IAM password policy export');
});

test('a workbook: the sheet and the header row are chosen in the mapping step, refused rows are named with the reason, and a fixed file imports', async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(120_000);
  const { page, picks } = await setUp(launch, workspaceDir);
  const workbook = async (name: string, duplicate: boolean) => {
    const wb = new ExcelJS.Workbook();
    const summary = wb.addWorksheet('Summary');
    summary.addRow(['Engagement', 'Acme Analytics SOC 2 Type 1']);
    summary.addRow(['Prepared by', 'Example Assurance LLP']);
    const list = wb.addWorksheet('PBC list');
    list.addRow(['Example Assurance LLP request list']);
    list.addRow(['Request #', 'Request Description', 'TSC Reference', 'Due Date']);
    list.addRow(['PBC-1', 'Provide the IAM password policy configuration', 'CC6.1', day(10)]);
    list.addRow(['PBC-2', 'Provide the incident response plan', 'CC7.3', day(10)]);
    if (duplicate) list.addRow(['PBC-1', 'Provide the password policy again', 'CC6.1', day(12)]);
    const path = join(mkdtempSync(join(tmpdir(), 'aw-ui-xlsx-')), name);
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    return path;
  };
  picks.push(await workbook('pbc.xlsx', true));
  await page.getByTestId('nav-requests').click();
  await page.getByTestId('requests-import').click();
  await page.getByTestId('import-choose-list').click();
  // The first sheet is a cover page, not the list: the person chooses the sheet.
  await expect(page.getByTestId('mapping-sheet')).toHaveValue('Summary');
  await pickOption(page, 'mapping-sheet', 'PBC list');
  await expect(page.getByTestId('mapping-header-row')).toHaveText('row 2');
  // Choosing the title row as the header loses the columns; choosing row 2 again brings them back.
  await pickOption(page, 'mapping-header', 'Row 1: Example Assurance LLP request list');
  await expect(page.getByTestId('mapping-incomplete')).toBeVisible();
  await pickOption(page, 'mapping-header', 'Row 2: Request # · Request Description · TSC Reference · Due Date');
  await expect(page.getByTestId('mapping-id')).toHaveValue('Request #');
  await expect(page.getByTestId('mapping-text')).toHaveValue('Request Description');
  // The duplicated id is named with both rows, and nothing can be imported.
  await expect(page.getByTestId('import-problem')).toHaveText(
    'Row 5: request id "PBC-1" is also on row 3; each request needs its own id',
  );
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await expect(page.getByTestId('import-plan')).toHaveCount(0);

  // The firm sends the list again without the duplicate; another file starts from its own first sheet.
  picks.push(await workbook('pbc-fixed.xlsx', false));
  await page.getByTestId('import-choose-list').click();
  await expect(page.getByTestId('import-file-name')).toHaveText('pbc-fixed.xlsx');
  await pickOption(page, 'mapping-sheet', 'PBC list');
  await expect(page.getByTestId('import-problems')).toHaveCount(0);
  await expect(page.getByTestId('plan-added-ids')).toHaveText('PBC-1, PBC-2');
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('import-result')).toContainText('Imported 2 requests: 2 new');
});
