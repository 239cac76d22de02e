import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSha256 } from '../../../main/services/reviews/review-kernel';
import { AwsReportReviewDoc } from '../../../shared/domain/aws-report-review';
import { reviewDraftOf } from '../../../shared/rules/aws-report-review';
import { draftOf, reviewedDraft, standInReportPdf } from '../../fixtures/aws-report-review';
import { makeKey } from '../../fixtures/ssh-keys';
import type { ScreenshotStep } from '../context';

/**
 * The review of AWS's SOC 2 report signed off with an SSH key (the key and fingerprint shown),
 * then the same review after its file was edited by hand with a recomputed content hash: a
 * forged sign-off, counted as not signed.
 */
export const signOffSteps: ScreenshotStep[] = [
  {
    name: 'sign-offs signed and forged',
    async run(ctx) {
      const keys = ctx.tempDir('aw-shots-keys-');
      const key = makeKey(keys, 'id_ed25519', { comment: 'dana@acme.example' });
      const app = await ctx.launch();
      const folder = join(ctx.tempDir('aw-shots-signoff-'), 'acme');
      await app.services.workspaces.create({
        folder,
        companyName: 'Acme Analytics',
        systemName: 'Acme Cloud',
        asOfDate: '2026-12-31',
        categories: ['security'],
        me: { name: 'Dana Founder', email: 'dana@acme.example' },
      });
      const { awsReport } = app.services;
      await awsReport.attachReportFile(standInReportPdf().path);
      await awsReport.save(reviewedDraft(draftOf(await awsReport.get())));
      await awsReport.sign({ source: 'file', path: key.path });
      await app.page.reload();
      await app.page.getByTestId('nav-aws-report').click();
      await app.page.getByTestId('review-signed').waitFor();
      await ctx.shot(app, 'aws-report-signed-with-key');
      await app.services.workspaces.close();
      const file = join(folder, 'aws-report-review.json');
      const raw = JSON.parse(readFileSync(file, 'utf8'));
      raw.conclusion.followUps = 'None.';
      raw.signed.by = { name: 'Chief Financial Officer', email: 'cfo@acme.example' };
      raw.signed.contentSha256 = contentSha256(reviewDraftOf(AwsReportReviewDoc.parse(raw)));
      writeFileSync(file, JSON.stringify(raw, null, 2));
      await app.services.workspaces.open(folder);
      await app.page.reload();
      await app.page.getByTestId('nav-aws-report').click();
      await app.page.locator('[data-sign-off="forged"]').waitFor();
      await ctx.shot(app, 'aws-report-forged-sign-off');
    },
  },
];
