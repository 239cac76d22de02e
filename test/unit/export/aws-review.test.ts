import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROLS } from '../../../shared/catalog';
import { Manifest } from '../../../shared/domain/manifest';
import { verifyBundle } from '../../../main/services/export/verify';
import { createTestWorkspace, DANA } from '../helpers/services';
import { HOSTILE_CUEC, REPORT_MARKER, scenarioWorkspace, type Scenario } from './scenario';

const run = (cmd: string, args: string[], cwd?: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
/** pdftotext wraps table cells over lines; compare with whitespace collapsed. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const readManifest = (dir: string) => Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
const TITLE = 'AWS as a subservice organization: review of its SOC 2 report';

async function exportAndUnzip(services: Scenario['services'], folder: string, name: string) {
  const zip = join(dirname(folder), name);
  await services.exports.run({ outPath: zip });
  const dir = mkdtempSync(join(tmpdir(), 'aw-review-bundle-'));
  run('unzip', ['-q', zip, '-d', dir]);
  return { zip, dir };
}

describe('a bundle from a workspace with a signed review of AWS’s SOC 2 report', () => {
  let s: Scenario;
  let zip: string;
  let dir: string;

  beforeAll(async () => {
    s = await scenarioWorkspace();
    ({ zip, dir } = await exportAndUnzip(s.services, s.folder, 'signed.zip'));
  }, 60_000);
  afterAll(() => s.services.workspaces.close());

  it('index.pdf has the section after the scope, in the contents, with the report, its SHA-256, the CUECs and their controls, and the signature', async () => {
    const text = run('pdftotext', [join(dir, 'index.pdf'), '-']);
    const all = flat(text);
    const review = (await s.services.awsReport.get()).review;
    // In the contents with a page number, between the scope and the control matrix.
    expect(all).toMatch(new RegExp(`Scope and responsibility \\d+ ${TITLE} \\d+ Control matrix \\d+`));
    const pages = text.split('\f');
    const at = pages.findIndex((p) => flat(p).includes(`${TITLE} Recorded by`));
    expect(at).toBeGreaterThan(1);
    const section = flat(
      pages
        .slice(
          at,
          pages.findIndex((p, i) => i > at && p.includes('Control matrix')),
        )
        .join(' '),
    );
    expect(section).toContain(review.report.title);
    expect(section).toContain(s.awsReport.sha256);
    expect(section).toContain('AWS SOC 2 Type 2 Report Fall 2026.pdf');
    expect(section).toContain('AWS Confidential');
    expect(section).toContain('AWS Artifact');
    expect(section).toContain('2025-10-01 to 2026-09-30');
    expect(section).toContain('Example Assurance LLP');
    expect(section).toContain('Unmodified (clean)');
    expect(section).toContain('Carve-out');
    expect(section).toContain('Amazon EC2');
    expect(section).toContain('For 2 of 25 sampled terminated employees');
    expect(section).toContain('No impact on us');
    expect(section).toContain('Customers are responsible for protecting their root account credentials.');
    expect(section).toContain('iam-root-account Root account protection (Not started, 1 evidence file)');
    expect(section).toContain('iam-mfa-enforcement MFA for everyone who signs in (Ready for review, 2 evidence files)');
    expect(section).toContain("privacy-consent Choice and consent (outside this bundle's scope)");
    expect(section).toContain("92 days before this bundle's as-of date (2026-12-31)");
    expect(section).toContain("AWS's bridge letter covers it");
    expect(section).toContain('We rely on the report');
    expect(section).toContain('Read the Spring 2027 report when it is issued.');
    expect(section).toMatch(
      /Recorded by Dana Founder \(dana@acme\.example\) on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, not signed with a key/,
    );
    expect(section).not.toMatch(/Signed by/);
    // The warning the reviewer signed over is shown; nothing blocks.
    expect(section).toContain('Warnings (1)');
    expect(section).toContain('also names controls outside this workspace');
    expect(section).not.toContain('NOT SIGNED');
    expect(section).not.toContain('Open for this bundle');
    // The opening says what the signed review concludes.
    expect(section).toContain(
      "The company reviewed AWS's own SOC 2 report and concluded that it relies on it; it meets the complementary user entity controls",
    );
    expect(section).toContain("AWS's own subservice organizations Carve-out");
    expect(section).not.toContain('Subservice treatment');
    expect(section).not.toContain('does not stand');
    // The review control's page points to the section, with the review's standing.
    const controlPage = flat(
      pages.find((p) => /vendor-risk-management\s/.test(p) && p.includes("this control's evidence for CC9.2")) ?? '',
    );
    expect(controlPage).toContain(
      `Review of AWS's SOC 2 report: this control's evidence for CC9.2, in the section "${TITLE}".`,
    );
    expect(controlPage).toMatch(
      /Recorded by Dana Founder on \d{4}-\d{2}-\d{2}, not signed with a key, relying on AWS's report\./,
    );
  });

  it('index.html has the same section, linked from its navigation, linking each CUEC control to its section', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain(`<li><a href="#aws-report-review">${TITLE}</a></li>`);
    const section = html.slice(html.indexOf('<section id="aws-report-review">'), html.indexOf('<section id="matrix">'));
    expect(section.length).toBeGreaterThan(1000);
    expect(section).toContain(s.awsReport.sha256);
    expect(section).toMatch(
      /Recorded by Dana Founder \(dana@acme\.example\) on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, not signed with a key/,
    );
    expect(section).not.toMatch(/Signed by/);
    expect(section).toContain('<a href="#c-iam-root-account"><code>iam-root-account</code></a>');
    expect(section).toContain('Customers are responsible for protecting their root account credentials.');
    expect(section).toContain('=HYPERLINK(&quot;http://evil.example&quot;');
    expect(section).not.toContain('NOT SIGNED');
    expect(section).toContain('concluded that it relies on it');
    expect(section).toContain("<dt>AWS's own subservice organizations</dt><dd>Carve-out</dd>");
    const control = html.slice(html.indexOf('<section id="c-vendor-risk-management">'));
    expect(control.slice(0, control.indexOf('</section>'))).toMatch(
      /this control's evidence for CC9\.2, in <a href="#aws-report-review">AWS as a subservice organization: review of its SOC 2 report<\/a>\. <span class="pass">Recorded by Dana Founder on \d{4}-\d{2}-\d{2}, not signed with a key, relying on AWS&#39;s report\.<\/span>/,
    );
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it('manifest.json validates against the shipped JSON Schema and carries the review, its signature and problems', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(dir, 'manifest.schema.json'), 'utf8')));
    const json = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // The schema knows the review: a broken one is rejected.
    const broken = structuredClone(json);
    broken.awsReportReview.report.file.sha256 = 'nope';
    broken.awsReportReview.status = 'approved';
    expect(validate(broken)).toBe(false);

    const review = (await s.services.awsReport.get()).review;
    const m = readManifest(dir).awsReportReview!;
    expect(m.status).toBe('signed');
    expect(m.signed).toEqual({ by: DANA, at: review.signed!.at, reportSha256: s.awsReport.sha256 });
    expect(m.signatureProblems).toEqual([]);
    expect(m.report).toMatchObject({
      title: review.report.title,
      reportType: 'type2',
      periodEnd: '2026-09-30',
      opinion: 'unmodified',
      subserviceTreatment: 'carve_out',
    });
    expect(m.report.file).toEqual({
      name: 'AWS SOC 2 Type 2 Report Fall 2026.pdf',
      sha256: s.awsReport.sha256,
      bytes: s.awsReport.bytes.length,
    });
    expect(m.cuecs).toEqual(review.cuecs);
    expect(m.exceptions[0]).toMatchObject({ impact: 'none' });
    expect(m.gapDays).toBe(92);
    expect(m.conclusion).toEqual({
      gapCoverage: 'bridge_letter',
      gapNote: review.conclusion.gapNote,
      reliance: 'rely',
      followUps: review.conclusion.followUps,
    });
    expect(m.problems).toEqual([
      {
        severity: 'warning',
        field: `cuecs.${review.cuecs.length - 1}`,
        message: expect.stringContaining('privacy-consent'),
      },
    ]);
    expect(readManifest(dir).documents.map((d) => d.path)).toContain('cuecs.csv');
  });

  it('counts the inherited controls as accepted in manifest.json and controls.csv: the review control is accepted and the signed review stands', () => {
    const m = readManifest(dir);
    const inherited = m.controls.filter((c) => c.responsibility === 'inherited');
    expect(inherited.length).toBeGreaterThan(3);
    expect(new Set(inherited.map((c) => c.status))).toEqual(new Set(['accepted']));
    const rows = parse(readFileSync(join(dir, 'controls.csv'), 'utf8'), { bom: true }) as string[][];
    const status = rows[0]!.indexOf('Status');
    expect(rows.find((r) => r[0] === 'aws-physical-security')![status]).toBe('Accepted');
    expect(rows.find((r) => r[0] === 'vendor-risk-management')![status]).toBe('Accepted');
  });

  it('an export for another as-of date than the one signed for: the signature does not stand, inherited controls count as in progress', async () => {
    const staleZip = join(dirname(s.folder), 'stale.zip');
    await s.services.exports.run({ outPath: staleZip, asOfDate: '2026-12-15' });
    const stale = mkdtempSync(join(tmpdir(), 'aw-review-stale-'));
    run('unzip', ['-q', staleZip, '-d', stale]);
    const m = readManifest(stale);
    expect(m.awsReportReview!.status).toBe('signed');
    expect(m.awsReportReview!.signatureProblems).toEqual([expect.stringContaining('this bundle is as of 2026-12-15')]);
    expect(m.controls.find((c) => c.id === 'aws-physical-security')!.status).toBe('in_progress');
    expect(m.controls.find((c) => c.id === 'vendor-risk-management')!.status).toBe('accepted');
    const rows = parse(readFileSync(join(stale, 'controls.csv'), 'utf8'), { bom: true }) as string[][];
    const status = rows[0]!.indexOf('Status');
    expect(rows.find((r) => r[0] === 'aws-physical-security')![status]).toBe('In progress');
    // The section and the review control's page say the signature does not stand, and why.
    const why = 'It was signed for an "as of" date of 2026-12-31; this bundle is as of 2026-12-15.';
    const pdf = flat(run('pdftotext', [join(stale, 'index.pdf'), '-']));
    expect(pdf).toContain(`${TITLE} Recorded by Dana Founder`);
    expect(pdf).toContain(`The sign-off does not stand for this bundle: ${why}`);
    expect(pdf).toContain('but that sign-off does not stand for this bundle (see why below)');
    expect(pdf).not.toContain('concluded that it relies on it');
    expect(pdf).toMatch(
      new RegExp(
        `Recorded by Dana Founder on \\d{4}-\\d{2}-\\d{2}, not signed with a key, but the sign-off does not stand for this bundle: ${why.replace(/[.()"]/g, '\\$&')}`,
      ),
    );
    const html = readFileSync(join(stale, 'index.html'), 'utf8');
    expect(html).toContain('<p class="bad">The sign-off does not stand for this bundle:</p>');
    expect(html).toContain('this bundle is as of 2026-12-15');
  }, 60_000);

  it('cuecs.csv has one row per CUEC and control, matching the review, formula-safe', async () => {
    const text = readFileSync(join(dir, 'cuecs.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual(['cuec_id', 'cuec_text', 'control_id', 'control_title', 'control_status', 'evidence_count']);
    const review = (await s.services.awsReport.get()).review;
    const guarded = (t: string) => (t.startsWith('=') ? `'${t}` : t);
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual(
      review.cuecs.flatMap((c) => c.controlIds.map((id) => [c.id, guarded(c.text), id])),
    );
    const row = (id: string) => rows.find((r) => r[2] === id)!;
    expect(row('iam-mfa-enforcement').slice(3)).toEqual(['MFA for everyone who signs in', 'ready_for_review', '2']);
    expect(row('iam-root-account').slice(4)).toEqual(['not_started', '1']);
    expect(row('privacy-consent').slice(3)).toEqual([
      CONTROLS.find((c) => c.id === 'privacy-consent')!.title,
      'out_of_scope',
      '0',
    ]);
    expect(text).toContain(`"'${HOSTILE_CUEC.replace(/"/g, '""')}"`);
  });

  it('passes sha256sum -c with cuecs.csv listed, and verify', async () => {
    const out = run('sha256sum', ['-c', '--strict', 'SHA256SUMS'], dir);
    expect(out).toContain('cuecs.csv: OK');
    expect(
      out
        .trim()
        .split('\n')
        .every((l) => l.endsWith(': OK')),
    ).toBe(true);
    const report = await verifyBundle(zip);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('holds no byte of the report PDF: it is AWS Confidential', () => {
    expect(readFileSync(zip).includes(REPORT_MARKER)).toBe(false);
    const files = run('find', ['.', '-type', 'f'], dir).trim().split('\n');
    expect(files.length).toBeGreaterThan(8);
    for (const f of files) {
      const bytes = readFileSync(join(dir, f));
      expect(bytes.includes(REPORT_MARKER), f).toBe(false);
      expect(createHash('sha256').update(bytes).digest('hex'), f).not.toBe(s.awsReport.sha256);
    }
  });

  it('the pre-flight names who signed it', async () => {
    const pre = await s.services.exports.preflight({});
    expect(pre.awsReportReview.signed).toMatchObject({ by: DANA });
    expect(pre.awsReportReview.signatureProblems).toEqual([]);
    expect(pre.awsReportReview.blocking).toEqual([]);
    // For another as-of date than the one signed for, it says the signature does not stand.
    const other = await s.services.exports.preflight({ asOfDate: '2026-12-15' });
    expect(other.awsReportReview.signatureProblems).toEqual([
      expect.stringContaining('It was signed for an "as of" date of 2026-12-31; this bundle is as of 2026-12-15.'),
    ]);
    expect(pre.awsReportReview.warnings).toEqual([expect.stringContaining('privacy-consent')]);
  });
});

describe('a bundle from a workspace whose review is an unsigned draft', () => {
  let ctx: Awaited<ReturnType<typeof createTestWorkspace>>;
  let dir: string;
  let zip: string;

  beforeAll(async () => {
    ctx = await createTestWorkspace();
    // Marked accepted by hand: without a signed review, that must not make AWS's controls accepted.
    await ctx.services.controls.setStatus('vendor-risk-management', 'accepted');
    // A Type 1 report with a period start left over from editing: it is not shown nor shipped.
    const {
      schemaVersion: _v,
      signed: _s,
      updatedAt: _a,
      updatedBy: _b,
      ...draft
    } = (await ctx.services.awsReport.get()).review;
    await ctx.services.awsReport.save({
      ...draft,
      report: { ...draft.report, reportType: 'type1', periodStart: '2026-01-17', periodEnd: '2026-06-30' },
    });
    ({ zip, dir } = await exportAndUnzip(ctx.services, ctx.folder, 'draft.zip'));
  }, 60_000);
  afterAll(() => ctx.services.workspaces.close());

  it('the pre-flight reports it as not signed, with what is missing, and does not block the export', async () => {
    const pre = await ctx.services.exports.preflight({});
    expect(pre.awsReportReview.signed).toBeNull();
    expect(pre.awsReportReview.blocking.length).toBeGreaterThan(3);
    expect(pre.awsReportReview.blocking).toContainEqual(
      expect.stringContaining('Choose the copy of the report you reviewed'),
    );
    expect(pre.canExport).toBe(true);
    expect((await verifyBundle(zip)).ok).toBe(true);
  });

  it('counts the inherited controls as in progress at most in manifest.json and controls.csv, though the review control is marked accepted', () => {
    const inherited = readManifest(dir).controls.filter((c) => c.responsibility === 'inherited');
    expect(inherited.length).toBeGreaterThan(3);
    expect(new Set(inherited.map((c) => c.status))).toEqual(new Set(['in_progress']));
    const rows = parse(readFileSync(join(dir, 'controls.csv'), 'utf8'), { bom: true }) as string[][];
    const status = rows[0]!.indexOf('Status');
    expect(rows.find((r) => r[0] === 'aws-physical-security')![status]).toBe('In progress');
    expect(rows.find((r) => r[0] === 'vendor-risk-management')![status]).toBe('Accepted');
  });

  it('index.pdf, index.html and manifest.json mark it NOT SIGNED and list what is open', () => {
    const pdf = flat(run('pdftotext', [join(dir, 'index.pdf'), '-']));
    expect(pdf).toContain(`${TITLE} NOT SIGNED — draft`);
    expect(pdf).toContain("The company's review of AWS's own SOC 2 report is a draft, not signed");
    expect(pdf).not.toContain('concluded that it relies on it');
    expect(pdf).toMatch(
      /this control's evidence for CC9\.2, in the section "[^"]+"\. NOT SIGNED — draft with \d+ things open: the inherited controls count as in progress at most\./,
    );
    // Type 1: as of its end date, no period start anywhere.
    expect(pdf).toContain('Period as of 2026-06-30');
    expect(pdf).not.toContain('2026-01-17');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).not.toContain('2026-01-17');
    expect(readManifest(dir).awsReportReview!.report).toMatchObject({
      reportType: 'type1',
      periodStart: null,
      periodEnd: '2026-06-30',
    });
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).not.toContain('2026-01-17');
    expect(pdf).toMatch(/Open before it can be signed \(\d+\)/);
    expect(pdf).toContain('Choose the copy of the report you reviewed');
    expect(pdf).not.toContain('Signed by');
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('NOT SIGNED — draft');
    expect(html).toContain('Choose the copy of the report you reviewed');
    const m = readManifest(dir).awsReportReview!;
    expect(m.status).toBe('draft');
    expect(m.signed).toBeNull();
    expect(m.report.file).toBeNull();
    expect(m.problems.filter((p) => p.severity === 'blocking').length).toBeGreaterThan(3);
    // The typical CUECs are in the draft and in cuecs.csv.
    expect(readManifest(dir).controls.find((c) => c.id === 'vendor-risk-management')!.status).toBe('accepted');
    const rows = parse(readFileSync(join(dir, 'cuecs.csv'), 'utf8'), { bom: true }) as string[][];
    expect(rows.length - 1).toBe(m.cuecs.reduce((n, c) => n + c.controlIds.length, 0));
  });
});
