import { NO_KEY } from '../../../shared/rules/reviews/review-standing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTROLS } from '../../../shared/catalog';
import type { EvidenceRecord } from '../../../shared/domain/evidence';
import { WorkspaceMeta } from '../../../shared/domain/workspace';
import { newAwsReportReview } from '../../../shared/domain/aws-report-review';
import { bundleAwsReview } from '../../../main/services/export/aws-review';
import { buildModel, resolveOptions, type BundleModel } from '../../../main/services/export/bundle-model';
import { renderPdf } from '../../../main/services/export/pdf/render';
import { screenshotsToPreview, thumbnailPng } from '../../../main/services/export/thumbnails';
import { screenshotPng } from './scenario';

const ME = { name: 'Dana Founder', email: 'dana@example.com' };
const ROWS = 130;

function record(i: number): EvidenceRecord {
  const shot = i % 9 === 0;
  return {
    schemaVersion: 1,
    id: `ev_parts${i.toString(36).padStart(5, '0')}`,
    title: `Evidence item ${i}`,
    kind: shot ? 'screenshot' : 'api_snapshot',
    mediaType: shot ? 'image/png' : 'application/json',
    fileName: shot ? `shot-${i}.png` : `item-${i}.json`,
    sha256: `${i.toString(16).padStart(6, '0')}${'cd'.repeat(29)}`,
    size: 1000 + i,
    controlIds: [CONTROLS[i % CONTROLS.length]!.id],
    source: { type: 'import', originalName: `item-${i}` },
    capturedAt: new Date(Date.UTC(2026, 11, 1) + i * 60_000).toISOString(),
    effectiveDate: '2026-12-01',
    capturedBy: ME,
    appVersion: 'test',
  } as EvidenceRecord;
}

describe('index.pdf laid out in parts and joined', () => {
  let model: BundleModel;
  let thumbnails: Map<string, Buffer>;
  let pages: string[];
  let pdfPath: string;

  beforeAll(async () => {
    const records = Array.from({ length: ROWS }, (_, i) => record(i));
    const meta = WorkspaceMeta.parse({
      schemaVersion: 2,
      id: 'parts-workspace',
      companyName: 'Parts Co',
      systemName: 'Parts Platform',
      auditType: 'SOC2_TYPE1',
      asOfDate: '2026-12-31',
      categories: ['security', 'availability', 'confidentiality', 'processing_integrity', 'privacy'],
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: ME,
      checkSettings: {
        passwordMinLength: 14,
        passwordReusePrevention: 24,
        accessKeyMaxAgeDays: 90,
        unusedCredentialDays: 90,
        rootRecentUseDays: 90,
      },
      aws: { accountIds: [] },
    });
    const source = {
      root: '/nonexistent',
      meta,
      team: { schemaVersion: 1 as const, members: [] },
      controls: { schemaVersion: 1 as const, controls: {} },
      awsReportReview: newAwsReportReview(),
      evidence: { list: async () => records, filePath: () => '/nonexistent', verify: async () => 'ok' as const },
      catalog: CONTROLS,
    };
    model = await buildModel(source, resolveOptions(meta, {}), {
      signOffs: { awsReportReview: NO_KEY, accessReviews: new Map() },
      preparedBy: ME,
      generatedAt: '2026-12-31T12:00:00.000Z',
      appVersion: 'test',
    });
    const thumb = thumbnailPng(screenshotPng(320, 200))!;
    thumbnails = new Map(
      model.controls.flatMap((c) => screenshotsToPreview(c.evidence)).map((e) => [e.record.id, thumb]),
    );
    // Small parts, so this small workspace crosses many part boundaries (controls and evidence index).
    const awsReview = bundleAwsReview(source.awsReportReview, model, CONTROLS);
    const pdf = await renderPdf(
      { model, findings: new Map(), thumbnails, awsReview, fingerprint: 'e'.repeat(64) },
      { controls: 7, thumbnails: 4, evidenceRows: 40 },
    );
    pdfPath = join(mkdtempSync(join(tmpdir(), 'aw-pdf-parts-')), 'index.pdf');
    writeFileSync(pdfPath, pdf);
    pages = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
  }, 60_000);

  it('keeps every control id, evidence id and hash as text, with "Page X of Y" and the header on every page', () => {
    const text = pages.join('\n');
    for (const c of model.controls) expect(text, c.def.id).toContain(c.def.id);
    for (const e of model.evidence) {
      expect(text, e.record.id).toContain(e.record.id);
      expect(text, e.record.id).toContain(e.record.sha256);
    }
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))![1]);
    expect(pages).toHaveLength(count);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${count}`));
    pages.slice(1).forEach((page) => expect(page).toContain('SOC 2 Type 1 as of 2026-12-31'));
  });

  it('gives each contents entry the page its heading is on', () => {
    const end = pages.findIndex((p) => /^\s*Scope and responsibility/m.test(p) && !/Contents/.test(p));
    const entries = pages
      .slice(1, end)
      .flatMap((p) => [...p.matchAll(/^(\S.*?)\s{2,}(\d+)\s*$/gm)])
      .map((m) => ({ title: m[1]!.trim(), page: Number(m[2]) }));
    expect(entries.map((e) => e.title)).toEqual(
      expect.arrayContaining([
        'AWS as a subservice organization: review of its SOC 2 report',
        'Control matrix',
        'Criteria coverage',
        'Exceptions and exclusions',
        'Evidence index',
      ]),
    );
    expect(entries.length).toBe(model.controls.length + 6);
    for (const { title, page } of entries) {
      const firstLine = pages[page - 1]!.split('\n')
        .map((l) => l.trim())
        .filter(Boolean)[1];
      // A long heading wraps on its page; its first line is the start of the contents entry.
      expect(
        title.startsWith(firstLine!) && firstLine!.split(' ')[0] === title.split(' ')[0],
        `${title} on page ${page}: ${firstLine}`,
      ).toBe(true);
    }
  });

  it('embeds each part’s thumbnails', () => {
    const images = execFileSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(thumbnails.size).toBeGreaterThan(7);
    expect(images).toHaveLength(thumbnails.size);
  });
});
