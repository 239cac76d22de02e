import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEMO_ME, seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { ScreenshotStep } from '../context';
import { findPage } from './export';

/** A calendar day relative to today, so the list shows something overdue and something due soon. */
function day(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The audit firm's request list as firms send it: title rows, then numbered requests. */
function firmList(): string {
  const rows = [
    ['Example Assurance LLP', '', '', '', ''],
    ['SOC 2 Type 1 request list: Acme Analytics, Inc.', '', '', '', ''],
    ['', '', '', '', ''],
    ['Request #', 'Request Description', 'TSC Reference', 'Due Date', 'Client Owner'],
    ['PBC-001', 'Provide the IAM password policy configuration', 'CC6.1', day(-3), 'dana@acme.example'],
    ['PBC-002', 'Provide evidence that MFA is enforced for console users', 'CC6.1', day(-1), 'ivan@acme.example'],
    ['PBC-003', 'Provide the latest user access review and its sign-off', 'CC6.2, CC6.3', day(2), 'dana@acme.example'],
    [
      'PBC-004',
      'Provide the incident response plan and the last tabletop exercise',
      'CC7.3, CC7.4',
      day(5),
      'eli@acme.example',
    ],
    [
      'PBC-005',
      'Provide the backup configuration and the last restore test',
      'A1.2, A1.3',
      day(9),
      'ivan@acme.example',
    ],
    [
      'PBC-006',
      'Provide the security awareness training completion records',
      'CC1.4, CC2.2',
      day(12),
      'hana@acme.example',
    ],
    ['PBC-007', 'Provide the list of vendors with access to customer data', 'CC9.2', day(14), ''],
    ['PBC-008', 'Provide the CloudTrail configuration for all regions', 'CC7.2', day(14), 'ivan@acme.example'],
  ];
  return rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
}

/** The Requests screen, its mapping step, one request with suggestions, and the bundle's Requests page. */
export const requestsSteps: ScreenshotStep[] = [
  {
    name: 'requests screen, mapping step and bundle requests page',
    async run(ctx) {
      const list = join(ctx.tempDir('aw-shots-list-'), 'example-assurance-pbc-list.csv');
      writeFileSync(list, firmList());
      const app = await ctx.launch({ adapters: { pickRequestList: async () => list } });
      const folder = join(ctx.tempDir('aw-shots-'), 'acme');
      await seedDemoWorkspace(app.services, folder);
      const ws = app.services.workspaces.require();
      const policy = await ws.evidence.addBytes(
        'MinimumPasswordLength: 14\nRequireSymbols: true\nMaxPasswordAge: 90\n',
        {
          title: 'IAM password policy export',
          kind: 'document',
          mediaType: 'text/plain',
          fileName: 'iam-password-policy.txt',
          controlIds: ['iam-password-policy'],
          source: { type: 'import', originalName: 'iam-password-policy.txt' },
          effectiveDate: '2026-12-20',
          capturedBy: DEMO_ME,
        },
      );
      await app.page.reload();
      const { page } = app;

      await page.getByTestId('nav-requests').click();
      await page.getByTestId('requests-import').click();
      await page.getByTestId('import-firm').fill('Example Assurance LLP');
      await page.getByTestId('import-choose-list').click();
      await page.getByTestId('import-plan').waitFor();
      await ctx.shot(app, 'requests-mapping', { fullPage: true });
      await page.getByTestId('import-apply').click();
      await page.getByTestId('import-see-requests').click();

      const { requests } = app.services;
      await requests.link({ id: 'PBC-001', controlIds: ['iam-password-policy'], evidenceIds: [policy.id] });
      await requests.answer({
        id: 'PBC-001',
        status: 'submitted',
        response: 'Exported from IAM account settings on 20 December; minimum length 14.',
      });
      await requests.answer({
        id: 'PBC-002',
        status: 'returned',
        auditorComment: 'Show the enforcement policy, not one user with MFA.',
      });
      await requests.answer({ id: 'PBC-003', status: 'in_progress' });
      await requests.answer({ id: 'PBC-008', status: 'accepted', response: 'Organization trail, all regions.' });
      await page.getByTestId('request-row-PBC-001').waitFor();
      await ctx.shot(app, 'requests-screen', { fullPage: true });

      await page.getByTestId('request-row-PBC-002').click();
      await page.getByTestId('suggested-control').waitFor();
      await ctx.shot(app, 'request-detail', { fullPage: true });

      await page.getByTestId('nav-export').click();
      await page.getByTestId('preflight').waitFor();
      const out = join(dirname(folder), 'acme-soc2-type1-with-requests.zip');
      await page.getByTestId('export-path').fill(out);
      await page.getByTestId('export-start').click();
      await page.getByTestId('export-result').waitFor({ timeout: 120_000 });
      await app.quit();

      const dir = mkdtempSync(join(tmpdir(), 'aw-shots-requests-bundle-'));
      execFileSync('unzip', ['-q', out, 'index.pdf', '-d', dir]);
      const pdf = join(dir, 'index.pdf');
      const number = findPage(pdf, (t) => t.includes('The request list as the audit firm sent it'));
      const target = join(ctx.outDir, 'bundle-pdf-requests');
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
    },
  },
];
