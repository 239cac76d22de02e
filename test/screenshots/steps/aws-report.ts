import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { ScreenshotStep } from '../context';

/**
 * The review of AWS's SOC 2 report, filled in but not signed: the "Before you sign" panel
 * shows what is still missing (how the gap to the "as of" date is covered) and the warnings.
 */
export const awsReportSteps: ScreenshotStep[] = [
  {
    name: 'aws report review',
    async run(ctx) {
      const pdf = join(ctx.tempDir('aw-shots-report-'), 'AWS SOC 2 Type 2 Report Fall 2026.pdf');
      writeFileSync(
        pdf,
        `%PDF-1.7\n% stand-in for the report downloaded from AWS Artifact\n${'%'.repeat(2_400_000)}\n%%EOF\n`,
      );
      const app = await ctx.launch({ adapters: { pickReportFile: async () => pdf } });
      const folder = join(ctx.tempDir('aw-shots-'), 'acme');
      await seedDemoWorkspace(app.services, folder);
      const { awsReport } = app.services;
      await awsReport.attachReportFile(pdf);
      const { review } = await awsReport.get();
      await awsReport.save({
        report: {
          ...review.report,
          title: 'Amazon Web Services System and Organization Controls (SOC) 2 Report, Fall 2026',
          reportType: 'type2',
          periodStart: '2025-10-01',
          periodEnd: '2026-09-30',
          issuedOn: '2026-11-15',
          serviceAuditor: 'Example Assurance LLP',
          opinion: 'unmodified',
          categories: ['security', 'availability', 'privacy'],
          subserviceTreatment: 'carve_out',
        },
        services: [
          { service: 'Amazon EC2', inScope: true, note: '' },
          { service: 'Amazon S3', inScope: true, note: '' },
          { service: 'Amazon RDS', inScope: true, note: '' },
          {
            service: 'Amazon Bedrock',
            inScope: false,
            note: 'Not used for customer data; covered by our vendor review of the model provider.',
          },
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
            assessment: '',
          },
        ],
        cuecs: review.cuecs,
        conclusion: { gapNote: '', reliance: 'rely', followUps: '' },
      });
      await app.page.reload();
      const { page } = app;
      await page.getByTestId('nav-aws-report').click();
      await page.getByTestId('before-you-sign').waitFor();
      await page.setViewportSize({ width: 1360, height: 1250 });
      await ctx.shot(app, 'aws-report-review');
      await app.quit();
    },
  },
];
