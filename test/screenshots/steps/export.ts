import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from '@playwright/test';
import { draftOf, reviewedDraft, standInReportPdf } from '../../fixtures/aws-report-review';
import { DEMO_ME, seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { Services } from '../../../main/services/create-services';
import type { ScreenshotStep } from '../context';

const AWS = {
  accountId: '111122223333',
  accountAlias: 'acme-prod',
  principalArn: 'arn:aws:sts::111122223333:assumed-role/AuditReader/dana',
  region: 'eu-west-1',
};

/** A console-like page rendered in Chromium, standing in for a captured screenshot. */
async function consolePng(browser: Browser): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 620 } });
  await page.setContent(`<body style="font:14px sans-serif;margin:0"><div style="background:#232f3e;color:#fff;padding:10px 16px">aws · IAM</div>
<div style="padding:20px"><h2>Account settings</h2><h3>Password policy</h3><table border="1" cellpadding="6" style="border-collapse:collapse">
<tr><td>Minimum password length</td><td>14 characters</td></tr><tr><td>Require at least one uppercase letter</td><td>Yes</td></tr>
<tr><td>Require at least one number</td><td>Yes</td></tr><tr><td>Prevent password reuse</td><td>24 passwords</td></tr><tr><td>Password expiration</td><td>90 days</td></tr></table></div></body>`);
  const png = await page.screenshot();
  await page.close();
  return png;
}

async function seedEvidence(services: Services, screenshot: Buffer) {
  const ws = services.workspaces.require();
  const snapshot = await ws.evidence.addBytes(
    JSON.stringify(
      { content: 'user,arn,password_enabled,mfa_active\nalice,arn:aws:iam::111122223333:user/alice,true,true\n' },
      null,
      2,
    ),
    {
      title: 'IAM credential report',
      kind: 'api_snapshot',
      mediaType: 'application/json',
      fileName: 'iam-credential-report.json',
      controlIds: ['iam-mfa-enforcement'],
      checkId: 'iam.console-users-mfa',
      source: {
        type: 'aws_api',
        calls: [
          {
            service: 'iam',
            operation: 'GetCredentialReport',
            requestId: '0c1f2d3e-example',
            at: '2026-12-20T10:00:00.000Z',
          },
        ],
      },
      aws: AWS,
      capturedAt: '2026-12-20T10:00:00.000Z',
      effectiveDate: '2026-12-20',
      capturedBy: DEMO_ME,
    },
  );
  const entities = [
    {
      arn: 'arn:aws:iam::111122223333:user/ci-legacy',
      name: 'ci-legacy',
      result: 'fail',
      detail: 'Console password enabled, no MFA device.',
    },
    ...['alice', 'bob', 'carol', 'dave'].map((n) => ({
      arn: `arn:aws:iam::111122223333:user/${n}`,
      name: n,
      result: 'pass',
      detail: 'Console password with a virtual MFA device.',
    })),
  ];
  await ws.evidence.addBytes(
    JSON.stringify(
      {
        schemaVersion: 1,
        checkId: 'iam.console-users-mfa',
        result: 'fail',
        summary: '1 of 5 console users has no MFA.',
        rule: 'Every IAM user with a console password has an MFA device',
        limits: {},
        entities,
        notes: [],
        evaluatedAt: '2026-12-20T10:00:02.000Z',
        error: null,
      },
      null,
      2,
    ),
    {
      title: 'Findings: console users have MFA',
      kind: 'findings',
      mediaType: 'application/json',
      fileName: 'iam-console-users-mfa-findings.json',
      controlIds: ['iam-mfa-enforcement'],
      checkId: 'iam.console-users-mfa',
      source: { type: 'derived', from: [snapshot.id], rule: 'iam.console-users-mfa' },
      aws: AWS,
      capturedAt: '2026-12-20T10:00:02.000Z',
      effectiveDate: '2026-12-20',
      capturedBy: DEMO_ME,
    },
  );
  await ws.evidence.addBytes(screenshot, {
    title: 'IAM account settings: password policy',
    kind: 'screenshot',
    mediaType: 'image/png',
    fileName: 'iam-account-settings-2026-12.png',
    controlIds: ['iam-password-policy'],
    source: {
      type: 'console_capture',
      url: 'https://eu-west-1.console.aws.amazon.com/iam/home#/account_settings',
      windowSize: { width: 1100, height: 620 },
    },
    aws: AWS,
    capturedAt: '2026-12-21T09:30:00.000Z',
    effectiveDate: '2026-12-21',
    capturedBy: DEMO_ME,
  });
}

/** A signed review of AWS's SOC 2 report, so the bundle's review section shows a finished one. */
async function signAwsReview(services: Services, dir: string) {
  const { awsReport } = services;
  await awsReport.attachReportFile(
    standInReportPdf({ dir, marker: 'stand-in for the report downloaded from AWS Artifact', padBytes: 2_400_000 }).path,
  );
  await awsReport.save(
    reviewedDraft(draftOf(await awsReport.get()), {
      services: [
        { service: 'Amazon EC2', inScope: true, note: '' },
        { service: 'Amazon S3', inScope: true, note: '' },
        { service: 'Amazon RDS', inScope: true, note: '' },
      ],
      regions: 'eu-west-1, eu-central-1 (backups)',
      exceptions: [
        {
          id: 'exception-1',
          description:
            'For 2 of 25 sampled terminated employees, logical access was removed after the defined timeframe.',
          awsResponse:
            'Access was removed within 3 days; no use after termination was found. Automation was added in Q3.',
          impact: 'none',
          assessment: 'Concerns AWS personnel only; no effect on our account.',
        },
      ],
      conclusion: {
        gapCoverage: 'bridge_letter',
        gapNote: "AWS's bridge letter of 2027-01-05 covers 2026-10-01 to 2026-12-31.",
        reliance: 'rely',
        followUps: 'Read the Spring 2027 report when AWS issues it.',
      },
    }),
  );
  await awsReport.sign();
}

/** The 1-based page whose text satisfies `match`, from pdftotext's form-feed separated pages. */
export function findPage(pdf: string, match: (text: string) => boolean): number {
  const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
  const index = pages.findIndex(match);
  if (index < 0) throw new Error(`no page of ${pdf} matches`);
  return index + 1;
}

/** The Export screen (pre-flight, result) and rendered pages of the bundle's index.pdf. */
export const exportSteps: ScreenshotStep[] = [
  {
    name: 'export screen and bundle pdf pages',
    async run(ctx) {
      const app = await ctx.launch();
      const folder = join(ctx.tempDir('aw-shots-'), 'acme');
      await seedDemoWorkspace(app.services, folder);
      await seedEvidence(app.services, await consolePng(ctx.browser));
      await signAwsReview(app.services, ctx.tempDir('aw-shots-report-'));
      await app.page.reload();
      const { page } = app;
      await page.getByTestId('nav-export').click();
      await page.getByTestId('preflight').waitFor();
      await ctx.shot(app, 'export-preflight', { fullPage: true });
      const out = join(dirname(folder), 'acme-soc2-type1-2026-12-31.zip');
      await page.getByTestId('export-path').fill(out);
      await page.getByTestId('export-start').click();
      await page.getByTestId('export-result').waitFor({ timeout: 60_000 });
      await page.getByTestId('export-verify-result').click();
      await page.getByTestId('verify-report').waitFor();
      // Tall enough for the whole screen: a full-page capture would repeat the fixed header mid-page.
      await page.setViewportSize({ width: 1360, height: 1500 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await ctx.shot(app, 'export-result');
      await app.quit();

      const dir = mkdtempSync(join(tmpdir(), 'aw-shots-bundle-'));
      execFileSync('unzip', ['-q', out, 'index.pdf', '-d', dir]);
      const pdf = join(dir, 'index.pdf');
      const pages: [string, number][] = [
        ['bundle-pdf-cover', 1],
        [
          'bundle-pdf-aws-report-review',
          findPage(
            pdf,
            // The section's first page, not the contents (the sign-off may fall on its next page).
            (t) =>
              t.includes('AWS as a subservice organization: review of its SOC 2 report') && !t.includes('Contents'),
          ),
        ],
        [
          'bundle-pdf-control-matrix',
          findPage(
            pdf,
            (t) => t.includes('Control matrix') && t.includes('Responsibility') && t.includes('aws-physical-security'),
          ),
        ],
        [
          'bundle-pdf-control-screenshot',
          findPage(pdf, (t) => t.includes('iam-password-policy Password policy') && t.includes('Screenshots')),
        ],
        [
          'bundle-pdf-control-findings',
          findPage(pdf, (t) => t.includes('iam-mfa-enforcement MFA for everyone') && t.includes('ci-legacy')),
        ],
        ['bundle-pdf-evidence-index', findPage(pdf, (t) => t.includes('Evidence index') && t.includes('SHA-256'))],
      ];
      for (const [name, number] of pages) {
        const target = join(ctx.outDir, name);
        execFileSync('pdftoppm', [
          '-png',
          '-r',
          '90',
          '-f',
          String(number),
          '-l',
          String(number),
          '-singlefile',
          pdf,
          target,
        ]);
        console.log(`wrote ${target}.png (page ${number})`);
      }
    },
  },
];
