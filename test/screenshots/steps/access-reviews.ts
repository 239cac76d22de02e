import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startAwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { applyEnvironment } from '../../fixtures/process-environment';
import { signedInAwsHomeEnvironment } from '../../fixtures/signed-in-aws-home';
import { iamScenario, TROUBLED_ACCOUNT } from '../../../main/sandbox/aws-endpoint/scenarios/iam';
import {
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import { DEMO_ME, seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { ScreenshotStep } from '../context';

/**
 * The Access reviews screen half-way through a review (flagged rows, one decided "remove", a
 * flagged row open), the flagged rows ticked for assigning reviewers to all at once, then the
 * same review signed and the bundle's Access reviews page.
 */
export const accessReviewSteps: ScreenshotStep[] = [
  {
    name: 'access reviews and the bundle access reviews page',
    async run(ctx) {
      const endpoint = await startAwsEndpoint({
        scenario: withIdentityCenter(iamScenario(new Date()), sampleIdentityCenter(TROUBLED_ACCOUNT, 'us-east-1')),
      });
      const restore = applyEnvironment(signedInAwsHomeEnvironment(ctx.tempDir('aw-shots-home-'), endpoint.url));
      try {
        const app = await ctx.launch({ services: { checks: { poll: { delaysMs: [5, 10], maxWaitMs: 5_000 } } } });
        const folder = join(ctx.tempDir('aw-shots-'), 'acme');
        await seedDemoWorkspace(app.services, folder);
        const s = app.services;
        const members = s.workspaces.require().team.members;
        const dana = members.find((m) => m.email === DEMO_ME.email)!;
        const ivan = members.find((m) => m.email === 'ivan@acme.example')!;
        await s.controls.setOwner('access-reviews', dana.id);
        await s.awsWorkspace.setProfile('audit');
        const rows = (await s.accessReview.start({ profile: 'audit' })).review!.rows;
        const contractor = rows.find((r) => r.name === 'old-contractor')!;
        await s.accessReview.decide(contractor.id, 'remove', 'Contract ended in June; the user was never removed.');
        const plain = rows.filter((r) => r.flags.length === 0 && !r.serviceLinked).slice(0, 4);
        for (const r of plain) await s.accessReview.decide(r.id, 'keep', '');

        await app.page.reload();
        const { page } = app;
        await page.setViewportSize({ width: 1440, height: 1300 });
        await page.getByTestId('nav-access-reviews').click();
        await page.getByTestId('access-filter').getByText('Flagged', { exact: false }).click();
        const flagged = rows.find((r) => r.flags.includes('full_admin') && r.kind === 'iam_role') ?? rows[0]!;
        await page.locator(`[data-testid="access-row"][data-row-id="${flagged.id}"]`).click();
        await page.getByTestId('access-decision').waitFor();
        await ctx.shot(app, 'access-reviews');

        // Reviewers for many rows at once: every flagged row ticked, two reviewers chosen.
        await page.getByTestId('access-check-all').check();
        const bulkReviewer = (name: string) =>
          page.getByTestId('access-bulk-reviewers').getByRole('checkbox', { name });
        await bulkReviewer(dana.name).check();
        await bulkReviewer(ivan.name).check();
        await ctx.shot(app, 'access-reviews-bulk-assign');
        await page.getByTestId('access-bulk-clear').click();

        // Finish and sign the review (Ivan decides Dana's own access), then export the bundle.
        const own = rows.filter((r) => r.email === DEMO_ME.email).map((r) => r.id);
        await s.accessReview.assign(own, [dana.id, ivan.id]);
        const view = await s.accessReview.get();
        for (const r of rows) {
          if (own.includes(r.id) || view.review!.decisions[r.id]) continue;
          await s.accessReview.decide(
            r.id,
            'keep',
            r.flags.length ? 'Needed for the job; reviewed with its owner.' : '',
          );
        }
        s.workspaces.setMe({ name: ivan.name, email: ivan.email });
        for (const id of own) await s.accessReview.decide(id, 'keep', 'Founder; administers the accounts.');
        await s.accessReview.sign();
        s.workspaces.setMe(DEMO_ME);
        const out = join(ctx.tempDir('aw-shots-bundle-'), 'bundle.zip');
        await s.exports.run({ outPath: out });
        const dir = ctx.tempDir('aw-shots-unzip-');
        execFileSync('unzip', ['-q', out, '-d', dir]);
        const pdf = join(dir, 'index.pdf');
        const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
        const number = pages.findIndex((t) => t.includes('Access reviews') && t.includes('Who decided')) + 1;
        if (number === 0) throw new Error('index.pdf has no Access reviews page');
        const target = join(ctx.outDir, 'bundle-pdf-access-reviews');
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
        await app.quit();
      } finally {
        restore();
        await endpoint.close();
      }
    },
  },
];
