import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { verifyBundle } from '../../main/services/export/verify';
import { pathToFileURL } from 'node:url';
import { expect, test } from './fixtures';
import { addLargeDocuments } from '../unit/export/scenario';

const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };

function png(): Buffer {
  const image = new PNG({ width: 320, height: 200 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([i % 255, 120, 200, 255], i);
  return PNG.sync.write(image);
}

test('the Export screen shows the pre-flight, writes a verified bundle with progress, and verifies it', async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(180_000);
  const app = await launch();
  const { services, page } = app;
  await services.workspaces.create({
    folder: workspaceDir,
    companyName: 'Acme Analytics',
    systemName: 'Acme Cloud',
    asOfDate: '2026-12-31',
    categories: ['security'],
    me: DANA,
  });
  const ws = services.workspaces.require();
  await ws.evidence.addBytes(png(), {
    title: 'IAM account settings: password policy',
    kind: 'screenshot',
    mediaType: 'image/png',
    fileName: 'iam-account-settings.png',
    controlIds: ['iam-password-policy'],
    source: {
      type: 'console_capture',
      url: 'https://us-east-1.console.aws.amazon.com/iam/home#/account_settings',
      windowSize: { width: 1280, height: 800 },
    },
    capturedAt: '2026-12-20T09:00:00.000Z',
    effectiveDate: '2026-12-20',
    capturedBy: DANA,
  });
  await ws.evidence.addBytes('{"late":true}', {
    title: 'Backup plan export',
    kind: 'api_snapshot',
    mediaType: 'application/json',
    fileName: 'backup-plans.json',
    controlIds: ['backup-recovery'],
    source: { type: 'import', originalName: 'backup-plans.json' },
    capturedAt: '2027-01-10T09:00:00.000Z',
    effectiveDate: '2027-01-10',
    capturedBy: DANA,
  });

  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('preflight')).toBeVisible();
  await expect(page.getByTestId('preflight-evidence')).toContainText('2 evidence files');
  await expect(page.getByTestId('preflight-after')).toContainText('Backup plan export');
  await expect(page.getByTestId('preflight-no-evidence')).toContainText('iam-mfa-enforcement');
  // A new workspace's review of AWS's report is a blank draft: listed, not blocking.
  await expect(page.getByTestId('preflight-aws-review')).toContainText(
    /AWS SOC 2 report review: not signed \(\d+ things missing\)/,
  );
  await expect(page.getByTestId('preflight-aws-review')).toContainText('Choose the copy of the report you reviewed');
  await expect(page.getByTestId('export-path')).toHaveValue(/acme-analytics-soc2-type1-2026-12-31\.zip$/);

  const out = join(dirname(workspaceDir), 'auditor-bundle.zip');
  await page.getByTestId('export-path').fill(out);
  await page.getByTestId('export-start').click();
  // index.pdf is laid out in child processes: on a loaded 2-core machine that alone has taken over 30 s.
  await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('export-result-path')).toHaveText(out);
  const fingerprint = (await page.getByTestId('export-fingerprint').textContent())!.trim();
  expect(fingerprint).toMatch(/^[a-f0-9]{64}$/);
  expect(app.pushed.some((e) => e.event === 'progress' && (e.payload as { task: string }).task === 'export')).toBe(
    true,
  );

  const seal = (await page.getByTestId('export-seal').textContent())!.trim();
  expect(seal).toMatch(/^[a-f0-9]{64}$/);

  const report = await verifyBundle(out);
  expect(report.ok).toBe(true);
  expect(report.fingerprint).toBe(fingerprint);
  expect(report.seal).toBe(seal);

  // Verifying the bundle just written carries its seal along, and says it is the one that was sent.
  await page.getByTestId('export-verify-result').click();
  await expect(page.getByTestId('verify-report')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('verify-report')).toContainText(fingerprint);
  await expect(page.getByTestId('verify-seal')).toHaveValue(seal);
  await expect(page.getByTestId('verify-seal-result')).toHaveAttribute('data-matches', 'true');
  // Another seal: the same file is not the bundle that seal belongs to.
  const other = `${seal.slice(1)}${seal[0] === '0' ? '1' : '0'}`;
  await page.getByTestId('verify-seal').fill(other);
  await page.getByTestId('verify-start').click();
  await expect(page.getByTestId('verify-report')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('verify-seal-result')).toHaveAttribute('data-matches', 'false');
  await expect(page.getByTestId('verify-report')).toContainText(
    `This is not the bundle that was sent: its seal (SHA-256 of SHA256SUMS) is ${seal}, not the seal ${other}`,
  );

  // The bundle's index.html works offline in a browser: the screenshot shows, nothing leaves the machine.
  const unzipped = mkdtempSync(join(tmpdir(), 'aw-bundle-html-'));
  execFileSync('unzip', ['-q', out, '-d', unzipped]);
  const viewer = await page.context().newPage();
  const requests: string[] = [];
  viewer.on('request', (r) => requests.push(r.url()));
  await viewer.goto(pathToFileURL(join(unzipped, 'index.html')).href);
  await expect(viewer.locator('#fingerprint')).toHaveText(fingerprint);
  const thumb = viewer.locator('.shot img');
  await thumb.scrollIntoViewIfNeeded();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
  await viewer.close();

  // A path inside the workspace is refused with the reason, and nothing is written there.
  await page.getByTestId('export-path').fill(join(workspaceDir, 'inside.zip'));
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('error-notice')).toContainText('inside the workspace folder');
  expect(existsSync(join(workspaceDir, 'inside.zip'))).toBe(false);
});

test('Cancel stops an export and nothing is left under the chosen name', async ({ launch, workspaceDir }) => {
  const app = await launch();
  const { services, page } = app;
  await services.workspaces.create({
    folder: workspaceDir,
    companyName: 'Acme Analytics',
    systemName: 'Acme Cloud',
    asOfDate: '2026-12-31',
    categories: ['security'],
    me: DANA,
  });
  const ws = services.workspaces.require();
  await addLargeDocuments(ws.evidence, 6, 16);
  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('preflight')).toBeVisible();
  const out = join(dirname(workspaceDir), 'cancelled.zip');
  await page.getByTestId('export-path').fill(out);
  await page.getByTestId('export-start').click();
  await page.getByTestId('export-cancel').click();
  await expect(page.getByTestId('error-notice')).toHaveAttribute('data-error-code', 'CANCELLED');
  await expect(page.getByTestId('error-notice')).toContainText('no bundle was written');
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(dirname(out)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  await expect(page.getByTestId('export-start')).toBeEnabled();
});

test('evidence changed on disk shows in the pre-flight and blocks the export', async ({ launch, workspaceDir }) => {
  const app = await launch();
  const { services, page } = app;
  await services.workspaces.create({
    folder: workspaceDir,
    companyName: 'Acme Analytics',
    systemName: 'Acme Cloud',
    asOfDate: '2026-12-31',
    categories: ['security'],
    me: DANA,
  });
  const ws = services.workspaces.require();
  const record = await ws.evidence.addBytes(png(), {
    title: 'IAM users list',
    kind: 'screenshot',
    mediaType: 'image/png',
    fileName: 'iam-users.png',
    controlIds: ['iam-mfa-enforcement'],
    source: { type: 'web_capture', url: 'https://idp.example/users', windowSize: { width: 1280, height: 800 } },
    capturedAt: '2026-12-20T09:00:00.000Z',
    effectiveDate: '2026-12-20',
    capturedBy: DANA,
  });
  const file = ws.evidence.filePath(record.sha256);
  chmodSync(file, 0o644);
  appendFileSync(file, 'edited');

  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('preflight-integrity')).toContainText(
    `IAM users list (${record.id}) is no longer the file that was captured`,
  );
  await expect(page.getByTestId('export-start')).toBeDisabled();
  await expect(page.getByTestId('export-start')).toHaveText('Fix the changed evidence first');
});
