import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import type { AwsReportReviewDraft } from '../../../shared/domain/aws-report-review';
import { createTestWorkspace, DANA, tempDir, testServices } from '../helpers/services';
import { draftOf, reviewedDraft, standInReportPdf } from '../../fixtures/aws-report-review';

const reportPdf = () => standInReportPdf();
const completeDraft = (current: AwsReportReviewDraft) => reviewedDraft(current);

describe('the review of AWS’s SOC 2 report', () => {
  it('starts as a draft with the typical CUECs mapped to catalog controls, and lists what blocks signing', async () => {
    const { services } = await createTestWorkspace();
    const view = await services.awsReport.get();
    expect(view.review.signed).toBeNull();
    expect(view.review.cuecs.length).toBeGreaterThanOrEqual(8);
    expect(view.review.cuecs.find((c) => /root account/.test(c.text))?.controlIds).toEqual(['iam-root-account']);
    const blocking = view.problems.filter((p) => p.severity === 'blocking').map((p) => p.field);
    expect(blocking).toEqual(
      expect.arrayContaining([
        'report.title',
        'report.file',
        'report.opinion',
        'report.periodEnd',
        'services',
        'conclusion.reliance',
      ]),
    );
    await expect(services.awsReport.sign()).rejects.toMatchObject({
      code: 'REVIEW_INCOMPLETE',
      message: expect.stringMatching(/cannot be signed yet: \d+ things are missing/),
    });
  });

  it('records the report file by hash only, saves the draft, and signs it with who and when', async () => {
    const { services, folder } = await createTestWorkspace();
    const report = reportPdf();
    await services.awsReport.attachReportFile(report.path);
    const saved = await services.awsReport.save(completeDraft(draftOf(await services.awsReport.get())));
    expect(saved.review.report.file).toEqual({
      name: 'AWS SOC 2 Type 2 Report Fall 2026.pdf',
      sha256: report.sha256,
      bytes: 43,
    });
    // The report is AWS Confidential: its bytes are nowhere in the workspace.
    const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(files.length).toBeGreaterThan(3);
    for (const f of files)
      expect(readFileSync(join(f.parentPath, f.name), 'latin1')).not.toContain('AWS Confidential stand-in');
    expect(saved.gapDays).toBe(92);
    expect(saved.problems.filter((p) => p.severity === 'blocking')).toEqual([]);

    const signed = await services.awsReport.sign();
    expect(signed.review.signed).toMatchObject({ by: DANA, reportSha256: report.sha256 });
    const onDisk = JSON.parse(readFileSync(join(folder, 'aws-report-review.json'), 'utf8'));
    expect(onDisk.signed.by.email).toBe(DANA.email);
    const log = readFileSync(join(folder, 'activity.jsonl'), 'utf8');
    expect(log).toContain('"action":"aws-report-review.signed"');

    // Signed means frozen until reopened with a reason.
    await expect(services.awsReport.save(completeDraft(draftOf(signed)))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('signed by Dana Founder'),
    });
    await expect(services.awsReport.reopen('  ')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const reopened = await services.awsReport.reopen('AWS issued a corrected report');
    expect(reopened.review.signed).toBeNull();
    expect(readFileSync(join(folder, 'activity.jsonl'), 'utf8')).toContain(
      'Reopened the signed review of the AWS SOC 2 report: AWS issued a corrected report',
    );
  });

  it('keeps the review across a restart, exactly', async () => {
    const first = await createTestWorkspace();
    await first.services.awsReport.attachReportFile(reportPdf().path);
    const saved = await first.services.awsReport.save(completeDraft(draftOf(await first.services.awsReport.get())));
    await first.services.workspaces.close();
    const again = testServices({ userDataDir: first.userDataDir });
    await again.services.workspaces.open(first.folder);
    expect((await again.services.awsReport.get()).review).toEqual(saved.review);
  });

  it('refuses a file that is not a PDF, a gap nobody covered, and a CUEC no control meets; nothing changes', async () => {
    const { services, folder } = await createTestWorkspace();
    const notPdf = join(tempDir(), 'report.pdf');
    writeFileSync(notPdf, 'PK\u0003\u0004 a zip renamed to pdf');
    const before = readFileSync(join(folder, 'aws-report-review.json'), 'utf8');
    await expect(services.awsReport.attachReportFile(notPdf)).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
      message: 'report.pdf is not a PDF.',
    });
    await expect(
      services.awsReport.save({
        ...draftOf(await services.awsReport.get()),
        report: { ...(await services.awsReport.get()).review.report, periodEnd: '2026-02-30' },
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('report.periodEnd'),
    });
    expect(readFileSync(join(folder, 'aws-report-review.json'), 'utf8')).toBe(before);

    await services.awsReport.attachReportFile(reportPdf().path);
    const draft = completeDraft(draftOf(await services.awsReport.get()));
    const view = await services.awsReport.save({
      ...draft,
      cuecs: [...draft.cuecs, { id: 'cuec-x', text: 'Customers are responsible for their own DNS.', controlIds: [] }],
      conclusion: { ...draft.conclusion, gapCoverage: undefined },
    });
    const messages = view.problems.filter((p) => p.severity === 'blocking').map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'The report ends 92 days before your "as of" date (2026-12-31): say how that gap is covered.',
        `CUEC ${draft.cuecs.length + 1} is not met by any of your controls: map it to the controls that meet it.`,
      ]),
    );
    await expect(services.awsReport.sign()).rejects.toMatchObject({ code: 'REVIEW_INCOMPLETE' });
  });

  it('warns when the report misses a category in scope, and when a service is outside its scope without a note', async () => {
    const { services } = await createTestWorkspace();
    await services.awsReport.attachReportFile(reportPdf().path);
    const draft = completeDraft(draftOf(await services.awsReport.get()));
    const view = await services.awsReport.save({
      ...draft,
      report: { ...draft.report, categories: ['security'] },
      services: [...draft.services, { service: 'Amazon Bedrock', inScope: false, note: '' }],
    });
    expect(view.problems).toEqual(
      expect.arrayContaining([
        {
          severity: 'warning',
          field: 'report.categories',
          message: expect.stringContaining('does not cover Availability'),
        },
        {
          severity: 'blocking',
          field: 'services.2',
          message: "Amazon Bedrock is not in the report's scope: say how you get assurance for it.",
        },
      ]),
    );
  });

  it('opens a workspace made before the review existed with an empty draft, and writes the file only on the first change', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    await services.workspaces.close();
    const { rmSync } = await import('node:fs');
    rmSync(join(folder, 'aws-report-review.json'));
    const again = testServices({ userDataDir });
    await again.services.workspaces.open(folder);
    expect((await again.services.awsReport.get()).review.signed).toBeNull();
    expect(existsSync(join(folder, 'aws-report-review.json'))).toBe(false);
    await again.services.awsReport.attachReportFile(reportPdf().path);
    expect(existsSync(join(folder, 'aws-report-review.json'))).toBe(true);
  });
});

describe('a signature that stands for what was signed', () => {
  const APP = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };
  const routerOf = (services: ReturnType<typeof testServices>['services']) =>
    createRouter({ handlers: createHandlers(services), isTrustedSender: () => true, logger: services.logger });

  async function signedWorkspace() {
    const ctx = await createTestWorkspace();
    await ctx.services.awsReport.attachReportFile(reportPdf().path);
    await ctx.services.awsReport.save(completeDraft(draftOf(await ctx.services.awsReport.get())));
    return ctx;
  }

  it('lets only one of a sign and an edit sent together win, so a signed review never holds unsigned content', async () => {
    for (let round = 0; round < 3; round++) {
      const { services } = await signedWorkspace();
      const edited = {
        ...completeDraft(draftOf(await services.awsReport.get())),
        report: {
          ...completeDraft(draftOf(await services.awsReport.get())).report,
          title: 'EDITED',
          opinion: 'adverse' as const,
        },
      };
      const [signed, saved] = await Promise.allSettled([services.awsReport.sign(), services.awsReport.save(edited)]);
      expect(signed.status).toBe('fulfilled');
      expect(saved).toMatchObject({ status: 'rejected', reason: { code: 'CONFLICT' } });
      const view = await services.awsReport.get();
      expect(view.review.report.title).not.toBe('EDITED');
      expect(view.signatureProblems).toEqual([]);
    }
  });

  it('refuses a save that is not a whole draft, over IPC, and changes nothing', async () => {
    const { services, folder } = await createTestWorkspace();
    const before = readFileSync(join(folder, 'aws-report-review.json'), 'utf8');
    const router = routerOf(services);
    for (const junk of [
      {},
      { controlId: 7 },
      { ...draftOf(await services.awsReport.get()), extra: 1 },
      { ...draftOf(await services.awsReport.get()), cuecs: [{ id: '../../etc', text: 'x', controlIds: [] }] },
    ]) {
      expect(await router.invoke('awsReport.save', junk, APP)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    const twice = draftOf(await services.awsReport.get());
    expect(
      await router.invoke('awsReport.save', { ...twice, cuecs: [twice.cuecs[0], twice.cuecs[0]] }, APP),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('same id') } });
    expect(readFileSync(join(folder, 'aws-report-review.json'), 'utf8')).toBe(before);
  });

  it('refuses to change the report file of a signed review, before any file dialog opens', async () => {
    let asked = 0;
    const ctx = await createTestWorkspace({ adapters: { pickReportFile: async () => (asked++, reportPdf().path) } });
    await ctx.services.awsReport.attachReportFile(reportPdf().path);
    await ctx.services.awsReport.save(completeDraft(draftOf(await ctx.services.awsReport.get())));
    await ctx.services.awsReport.sign();
    await expect(ctx.services.awsReport.chooseReportFile()).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(ctx.services.awsReport.attachReportFile(reportPdf().path)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(asked).toBe(0);
  });

  it('records the audit scope it was signed for, and says so when the as-of date or categories change', async () => {
    const { services } = await signedWorkspace();
    const signed = await services.awsReport.sign();
    expect(signed.review.signed).toMatchObject({
      asOfDate: '2026-12-31',
      categories: ['security', 'availability'],
      contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(signed.signatureProblems).toEqual([]);
    expect(await routerOf(services).invoke('workspace.updateSettings', { asOfDate: '2027-06-30' }, APP)).toMatchObject({
      ok: true,
    });
    expect((await services.awsReport.get()).signatureProblems).toEqual([
      'It was signed for an "as of" date of 2026-12-31; the audit is now as of 2027-06-30. Reopen it, check the gap, and sign it again.',
    ]);
  });

  it('shows that a signed review was edited by hand after signing', async () => {
    const { services, folder, userDataDir } = await signedWorkspace();
    await services.awsReport.sign();
    await services.workspaces.close();
    const file = join(folder, 'aws-report-review.json');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('"reliance": "rely"', '"reliance": "rely_with_follow_ups"')
        .replace('"reliance":"rely"', '"reliance":"rely_with_follow_ups"'),
    );
    const again = testServices({ userDataDir });
    await again.services.workspaces.open(folder);
    expect((await again.services.awsReport.get()).signatureProblems[0]).toMatch(
      /^The review was changed after it was signed/,
    );
  });
});

describe('what a careful reviewer would not sign', () => {
  it('blocks reliance on an adverse opinion, a report dated in the future or starting after the as-of date, and CUECs met by AWS or out of scope', async () => {
    const { services } = await createTestWorkspace();
    await services.awsReport.attachReportFile(reportPdf().path);
    const draft = completeDraft(draftOf(await services.awsReport.get()));
    const view = await services.awsReport.save({
      ...draft,
      report: {
        ...draft.report,
        opinion: 'adverse',
        periodStart: '2027-01-01',
        periodEnd: '2027-06-30',
        issuedOn: '2099-01-01',
      },
      cuecs: [
        { id: 'cuec-aws', text: 'Customers rely on AWS data centres.', controlIds: ['aws-physical-security'] },
        { id: 'cuec-pi', text: 'Customers validate their inputs.', controlIds: ['input-validation'] },
      ],
      conclusion: { ...draft.conclusion, followUps: 'ok' },
    });
    const blocking = view.problems.filter((p) => p.severity === 'blocking').map((p) => p.message);
    expect(blocking).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^An adverse opinion or a disclaimer gives no assurance: you cannot rely on this report/),
        'The report is dated 2099-01-01, after today: check the date of the opinion.',
        expect.stringMatching(/^The report covers AWS from 2027-01-01, after your "as of" date \(2026-12-31\)/),
        expect.stringMatching(/^CUEC 1 is mapped to controls AWS operates \(aws-physical-security\)/),
        expect.stringMatching(/^CUEC 2 is met only by controls outside this workspace's scope \(input-validation\)/),
      ]),
    );
  });

  it('ignores a period start left over when the report is a Type 1', async () => {
    const { services } = await createTestWorkspace();
    await services.awsReport.attachReportFile(reportPdf().path);
    const draft = completeDraft(draftOf(await services.awsReport.get()));
    const view = await services.awsReport.save({
      ...draft,
      report: { ...draft.report, reportType: 'type1', periodStart: '2026-10-01', periodEnd: '2026-09-30' },
    });
    expect(view.problems.filter((p) => p.field === 'report.periodStart')).toEqual([]);
  });
});
