import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createWorkspaceInUi, pickOption } from './helpers';
import { standInReportPdf } from '../fixtures/aws-report-review';
import { makeKey, startAgent, tempKeyDir } from '../fixtures/ssh-keys';
import { parsePublicKey } from '../../main/services/signing/public-key';

const reportPdf = () => standInReportPdf();

const blockingList = (page: Page) => page.getByTestId('blocking-list').getByTestId('problem');

test('a reviewer fills the review of AWS’s SOC 2 report, signs it with an ssh-agent key, finds it signed after a restart, and reopens it with a reason', async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(240_000);
  const keys = tempKeyDir();
  const agent = await startAgent(keys.dir);
  const dana = makeKey(keys.dir, 'id_ed25519', { comment: 'dana@acme.example' });
  agent.add(dana);
  const fingerprint = parsePublicKey(dana.publicKey)!.fingerprint;
  try {
    const report = reportPdf();
    // The file dialog answers only once the test says so, to see the screen while the PDF is being recorded.
    let answerDialog = () => {};
    const answered = new Promise<void>((resolve) => (answerDialog = resolve));
    const app = await launch({
      services: { signing: { env: () => agent.env } },
      adapters: {
        pickReportFile: async () => {
          await answered;
          return report.path;
        },
      },
    });
    const { page } = app;
    await createWorkspaceInUi(page, workspaceDir);
    // The new workspace opens on the dashboard; go on from there, or that first move can land after ours.
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('nav-aws-report').click();
    await expect(page.getByTestId('review-state')).toHaveText('Draft');
    await expect(blockingList(page).first()).toBeVisible();
    const before = await blockingList(page).count();
    expect(before).toBeGreaterThanOrEqual(8);
    await expect(page.getByTestId('review-save')).toBeDisabled();
    await expect(page.getByTestId('review-sign')).toBeDisabled();
    // A problem leads to its field, from the keyboard too.
    const titleProblem = page.getByTestId('blocking-list').getByRole('button', { name: /Enter the report's title/ });
    await titleProblem.focus();
    await expect(titleProblem).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('report-title')).toBeFocused();

    // The report, from its cover and opinion.
    await page
      .getByTestId('report-title')
      .fill('Amazon Web Services System and Organization Controls (SOC) 2 Report, Fall 2026');
    await page.getByTestId('report-period-start').fill('2025-10-01');
    // Switching to Type 1 drops the period start from the draft; back on Type 2 it is empty.
    await page.getByTestId('report-type').getByText('Type 1 (a date)').click();
    await expect(page.getByTestId('report-period-start')).toHaveCount(0);
    await page.getByTestId('report-type').getByText('Type 2 (a period)').click();
    await expect(page.getByTestId('report-period-start')).toHaveValue('');
    await page.getByTestId('report-period-start').fill('2025-10-01');
    await page.getByTestId('report-period-end').fill('2026-09-30');
    await page.getByTestId('report-issued-on').fill('2026-11-15');
    await page.getByTestId('report-auditor').fill('Example Assurance LLP');
    await pickOption(page, 'report-opinion', 'Unmodified (clean)');
    for (const c of ['security', 'availability', 'confidentiality', 'privacy'])
      await page.getByTestId(`report-category-${c}`).check();
    await pickOption(page, 'report-treatment', 'Carve-out');
    // The list follows the typing, before anything is saved.
    await expect(page.getByTestId('review-save-state')).toHaveText('Unsaved changes');
    await expect(blockingList(page)).toHaveCount(before - 7);

    // The PDF is recorded by name, size and hash only. While it is, nothing else can be saved or signed.
    await page.getByTestId('report-choose-file').click();
    await expect(page.getByTestId('report-choose-file')).toBeDisabled();
    await expect(page.getByTestId('review-save')).toBeDisabled();
    await expect(page.getByTestId('review-sign')).toBeDisabled();
    answerDialog();
    await expect(page.getByTestId('review-save')).toBeEnabled();
    await expect(page.getByTestId('report-file-name')).toHaveText('AWS SOC 2 Type 2 Report Fall 2026.pdf');
    await expect(page.getByTestId('report-file-size')).toHaveText('43 B');
    await expect(page.getByTestId('report-file-sha256')).toHaveText(report.sha256);
    await expect(page.getByTestId('review-report')).toContainText('AWS Confidential');
    // Recording the file kept what was typed, still unsaved.
    await expect(page.getByTestId('report-title')).toHaveValue(/Fall 2026/);
    await expect(page.getByTestId('review-save-state')).toHaveText('Unsaved changes');

    // One service, in scope.
    await page.getByTestId('service-new').fill('Amazon EC2');
    await page.getByTestId('service-add').click();
    await expect(page.getByTestId('service-row')).toHaveCount(1);
    // Each row's inputs are named after their service.
    await expect(page.getByRole('checkbox', { name: "Amazon EC2 is in the report's scope" })).toBeChecked();
    await expect(page.getByRole('textbox', { name: 'Note on Amazon EC2' })).toBeVisible();
    await page.getByTestId('review-regions').fill('eu-west-1');

    // A CUEC the typical list lacks: unmet until it is mapped to a control.
    await page.getByTestId('cuec-new').fill('Customers are responsible for retaining their own audit logs.');
    await page.getByTestId('cuec-add').click();
    const cuec = page.getByTestId('cuec-row').last();
    await expect(cuec).toContainText('CUEC 9');
    await expect(page.getByTestId('blocking-list')).toContainText('CUEC 9 is not met by any of your controls');
    await cuec.getByTestId('cuec-controls').click();
    await page.getByRole('option', { name: 'Audit logging and alerting' }).click();
    await page.keyboard.press('Escape');
    await expect(cuec.getByTestId('cuec-control-status')).toContainText('Audit logging and alerting');
    await expect(cuec.getByTestId('cuec-control-status')).toContainText('Not started');
    await expect(page.getByTestId('blocking-list')).not.toContainText('CUEC 9');

    // Conclusion: the 92 days to the "as of" date are covered by a bridge letter.
    await expect(page.getByTestId('review-gap')).toHaveAttribute('data-gap-days', '92');
    await pickOption(page, 'conclusion-gap-coverage', "AWS's bridge letter covers it");
    await page.getByTestId('conclusion-gap-note').fill('Bridge letter dated 2027-01-05 covers to 2026-12-31.');
    await pickOption(page, 'conclusion-reliance', 'We rely on the report');
    await expect(page.getByTestId('blocking-none')).toBeVisible();
    await expect(page.getByTestId('blocking-count')).toHaveText('0 missing');
    // Nothing is missing, but the signature covers only what is saved.
    await expect(page.getByTestId('review-sign')).toBeDisabled();
    await page.getByTestId('review-save').click();
    await expect(page.getByTestId('review-save-state')).toHaveText('All changes saved');
    await expect(page.getByTestId('review-sign')).toBeEnabled();
    await expect(page.getByTestId('review-sign')).toHaveText('Sign off without a key');
    // The same choice as the Export screen: the agent's key.
    await page.getByTestId('signoff-sign-agent').click();
    await expect(page.getByTestId('signoff-sign-agent-key')).toHaveValue(`ED25519 ${fingerprint} (dana@acme.example)`);
    await expect(page.getByTestId('review-sign')).toHaveText('Sign the review with my SSH key');
    await page.getByTestId('review-sign').click();

    const today = new Date().toISOString().slice(0, 10);
    await expect(page.getByTestId('review-signed-text')).toContainText(
      `Signed by Dana Founder (dana@acme.example) on ${today} with ED25519 key ${fingerprint} for report SHA-256 ${report.sha256.slice(0, 16)}…`,
      { timeout: 60_000 },
    );
    await expect(page.getByTestId('review-state')).toHaveText('Signed with a key');
    await expect(page.getByTestId('review-signed')).toHaveAttribute('data-sign-off', 'key');
    await expect(page.getByTestId('report-title')).toBeDisabled();
    await expect(page.getByTestId('report-choose-file')).toBeDisabled();
    await expect(page.getByTestId('review-save')).toHaveCount(0);
    const stored = JSON.parse(readFileSync(join(workspaceDir, 'aws-report-review.json'), 'utf8'));
    expect(stored.signed).toMatchObject({
      by: { name: 'Dana Founder' },
      reportSha256: report.sha256,
      key: { namespace: 'audit-signoff', fingerprint, publicKey: parsePublicKey(dana.publicKey)!.line },
    });
    expect(stored.signed.key.signature).toMatch(/^-----BEGIN SSH SIGNATURE-----/);
    // Only public keys crossed the IPC.
    expect(JSON.stringify(app.ipc)).not.toContain('PRIVATE KEY');
    expect(stored.cuecs.at(-1)).toMatchObject({
      text: 'Customers are responsible for retaining their own audit logs.',
      controlIds: ['logging-monitoring'],
    });
    await expect(page.getByTestId('review-signed')).toHaveAttribute('data-signature-stands', 'yes');

    // The audit's "as of" date moves: the signature, judged for the old one, no longer stands.
    await page.getByTestId('nav-settings').click();
    await page.getByLabel('"As of" date').fill('2027-03-31');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('nav-aws-report').click();
    await expect(page.getByTestId('review-state')).toHaveText('Sign-off no longer stands');
    await expect(page.getByTestId('review-signed')).toHaveAttribute('data-signature-stands', 'no');
    await expect(page.getByTestId('review-signature-problems')).toContainText(
      'It was signed for an "as of" date of 2026-12-31; the audit is now as of 2027-03-31.',
    );
    await expect(page.getByTestId('review-reopen')).toBeVisible();
    // The dashboard: a blocker naming why, and the status line says so.
    await page.getByTestId('nav-dashboard').click();
    await expect(page.getByTestId('aws-report-status')).toContainText('but the sign-off no longer stands');
    await expect(page.getByTestId('blockers')).toContainText(
      'The signature on the review of AWS\'s SOC 2 report no longer stands: It was signed for an "as of" date of 2026-12-31',
    );
    // Back to the date it was signed for: it stands again.
    await page.getByTestId('nav-settings').click();
    await page.getByLabel('"As of" date').fill('2026-12-31');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('nav-dashboard').click();
    await expect(page.getByTestId('aws-report-status')).not.toContainText('no longer stands');
    await expect(page.getByTestId('blockers')).not.toContainText('no longer stands');

    // Restart: still signed, and the dashboard says so.
    await app.quit();
    // The signature is checked again on open, with ssh-keygen alone: the agent is not needed for that.
    const again = await launch({ userDataDir: app.userDataDir });
    await again.page.getByTestId('recent-workspace').getByRole('button', { name: 'Open' }).click();
    await expect(again.page.getByTestId('aws-report-status')).toContainText(
      `Signed by Dana Founder on ${today} with ED25519 key ${fingerprint}`,
    );
    await again.page.getByTestId('aws-report-open').click();
    await expect(again.page.getByTestId('review-state')).toHaveText('Signed with a key');
    await expect(again.page.getByTestId('report-file-sha256')).toHaveText(report.sha256);

    // Reopening needs a reason, which the activity log keeps.
    await again.page.getByTestId('review-reopen').click();
    await expect(again.page.getByTestId('review-reopen-confirm')).toBeDisabled();
    await again.page.getByTestId('review-reopen-reason').fill('AWS issued a corrected report');
    await again.page.getByTestId('review-reopen-confirm').click();
    await expect(again.page.getByTestId('review-state')).toHaveText('Draft');
    await expect(again.page.getByTestId('report-title')).toBeEnabled();
    await expect(again.page.getByTestId('review-sign')).toBeEnabled();
    expect(readFileSync(join(workspaceDir, 'activity.jsonl'), 'utf8')).toContain(
      'Reopened the signed review of the AWS SOC 2 report: AWS issued a corrected report',
    );
  } finally {
    await agent.stop();
    keys.remove();
  }
});

test('a file that is not a PDF is refused with the reason, and the recorded report stays as it was', async ({
  launch,
  workspaceDir,
}) => {
  const report = reportPdf();
  const notPdf = join(mkdtempSync(join(tmpdir(), 'aw-report-')), 'report.pdf');
  writeFileSync(notPdf, 'PK\u0003\u0004 a zip renamed to pdf');
  const answers = [notPdf, report.path, notPdf];
  const app = await launch({ adapters: { pickReportFile: async () => answers.shift() ?? null } });
  const { page } = app;
  await createWorkspaceInUi(page, workspaceDir);
  const created = readFileSync(join(workspaceDir, 'aws-report-review.json'), 'utf8');

  // The vendor risk management control's page says where the review stands and leads to it.
  await page.getByTestId('nav-controls').click();
  await page.getByTestId('control-row-vendor-risk-management').click();
  await expect(page.getByTestId('control-aws-report')).toContainText(
    /Review of AWS's SOC 2 report: Draft, \d+ things missing/,
  );
  await page.getByTestId('control-aws-report').getByTestId('aws-report-open').click();
  await expect(page.getByTestId('aws-report-screen')).toBeVisible();

  await page.getByTestId('report-choose-file').click();
  const notice = page.getByTestId('review-report').getByTestId('error-notice');
  await expect(notice).toContainText('report.pdf is not a PDF.');
  await expect(notice).toContainText('AWS Artifact delivers the SOC 2 report as a PDF');
  await expect(page.getByTestId('report-file-none')).toBeVisible();
  expect(readFileSync(join(workspaceDir, 'aws-report-review.json'), 'utf8')).toBe(created);

  await page.getByTestId('report-choose-file').click();
  await expect(page.getByTestId('report-file-sha256')).toHaveText(report.sha256);
  await expect(page.getByTestId('error-notice')).toHaveCount(0);
  const before = readFileSync(join(workspaceDir, 'aws-report-review.json'), 'utf8');

  await page.getByTestId('report-choose-file').click();
  await expect(page.getByTestId('error-notice')).toContainText('report.pdf is not a PDF.');
  await expect(page.getByTestId('report-file-sha256')).toHaveText(report.sha256);
  expect(readFileSync(join(workspaceDir, 'aws-report-review.json'), 'utf8')).toBe(before);
  await expect(page.getByTestId('blocking-list')).not.toContainText('Choose the copy of the report');

  // Unsaved typing survives leaving the screen and coming back.
  await page.getByTestId('report-auditor').fill('Example Assurance LLP');
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('nav-aws-report').click();
  await expect(page.getByTestId('report-auditor')).toHaveValue('Example Assurance LLP');
  await expect(page.getByTestId('review-save-state')).toHaveText('Unsaved changes');
});
