import { PNG } from 'pngjs';
import type { Finding } from '../../../shared/domain/findings';
import type { EvidenceRecord } from '../../../shared/domain/evidence';
import type { Services } from '../../../main/services/create-services';
import { createTestWorkspace, DANA } from '../helpers/services';
import { draftOf, reviewedDraft, standInReportPdf } from '../../fixtures/aws-report-review';

export const AWS = {
  accountId: '111122223333',
  accountAlias: 'acme-prod',
  principalArn: 'arn:aws:sts::111122223333:assumed-role/AuditReader/dana',
  region: 'us-east-1',
};

/** A real PNG with a gradient, so thumbnails have something to show. */
export function screenshotPng(width = 640, height = 400, seed = 0): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      png.data[i] = (x + seed) & 255;
      png.data[i + 1] = (y * 2) & 255;
      png.data[i + 2] = 180;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export function finding(checkId: string, result: Finding['result'], entities: Finding['entities'] = []): Finding {
  return {
    schemaVersion: 1,
    checkId,
    result,
    summary: result === 'pass' ? 'Everything matches the rule.' : 'Some principals do not match the rule.',
    rule: 'Every console user has MFA',
    limits: { days: 90 },
    entities,
    notes: [],
    evaluatedAt: '2026-12-20T10:00:00.000Z',
    error: null,
  };
}

/** Text inside the stand-in report PDF: it must appear nowhere in a bundle (the report is AWS Confidential). */
export const REPORT_MARKER = 'AWS-CONFIDENTIAL-REPORT-BODY-7f3a';

/** A small file that starts like a PDF, standing in for the SOC 2 report downloaded from AWS Artifact. */
export const reportPdf = () => standInReportPdf({ marker: REPORT_MARKER, padBytes: 900 });

/** A CUEC whose text tries spreadsheet formula injection, mapped to a control in scope and one outside it. */
export const HOSTILE_CUEC =
  '=HYPERLINK("http://evil.example","x") Customers are responsible for reviewing who may approve access.';

/**
 * Fills and signs the review of AWS's SOC 2 report the way a careful reviewer would: one
 * exception, the typical CUECs plus one mapped to a control outside the scope (a warning,
 * signed over knowingly). Returns the stand-in report file.
 */
export async function signAwsReview(services: Services, options: { sign?: boolean } = {}) {
  const report = reportPdf();
  await services.awsReport.attachReportFile(report.path);
  const current = draftOf(await services.awsReport.get());
  await services.awsReport.save(
    reviewedDraft(current, {
      exceptions: [
        {
          id: 'exc-1',
          description: 'For 2 of 25 sampled terminated employees, access was removed after more than 24 hours.',
          awsResponse: 'AWS automated the removal of access at termination.',
          impact: 'none',
          assessment: 'Concerns AWS personnel only; no effect on our account.',
        },
      ],
      cuecs: [
        ...current.cuecs,
        { id: 'cuec-hostile', text: HOSTILE_CUEC, controlIds: ['access-reviews', 'privacy-consent'] },
      ],
      conclusion: {
        gapCoverage: 'bridge_letter',
        gapNote: 'Bridge letter dated 2027-01-05 covers to 2026-12-31.',
        reliance: 'rely',
        followUps: 'Read the Spring 2027 report when it is issued.',
      },
    }),
  );
  if (options.sign !== false) await services.awsReport.sign();
  return report;
}

/**
 * A workspace with evidence of every kind: an API snapshot and its findings (one failing,
 * with entities), a console screenshot, an imported document, and a record whose title tries
 * spreadsheet formula injection and path tricks; and a signed review of AWS's SOC 2 report.
 */
export async function scenarioWorkspace(options: Parameters<typeof createTestWorkspace>[0] = {}) {
  const ctx = await createTestWorkspace(options);
  const { services } = ctx;
  const ws = services.workspaces.require();
  const me = DANA;
  await services.controls.setOwner('iam-mfa-enforcement', ws.team.members[0]!.id);
  await services.controls.setStatus('iam-mfa-enforcement', 'ready_for_review');
  // The AWS SOC 2 report review is accepted (and signed below), so the inherited controls count as accepted.
  await services.controls.setStatus('vendor-risk-management', 'accepted');
  await services.controls.setNotes('iam-mfa-enforcement', 'MFA is enforced through Identity Center.');
  await services.controls.addExclusion({
    controlId: 'iam-access-key-rotation',
    what: 'CI deploy key',
    reason: 'Replaced by OIDC in Q1.',
    approvedBy: 'Dana Founder',
    expiresOn: '2027-03-31',
  });
  const records: EvidenceRecord[] = [];
  const api = {
    type: 'aws_api' as const,
    calls: [
      { service: 'iam', operation: 'GenerateCredentialReport', requestId: 'req-1', at: '2026-12-20T10:00:00.000Z' },
    ],
  };
  records.push(
    await ws.evidence.addBytes(JSON.stringify({ Users: [{ UserName: 'alice' }] }, null, 2), {
      title: 'IAM credential report',
      kind: 'api_snapshot',
      mediaType: 'application/json',
      fileName: 'iam-credential-report.json',
      controlIds: ['iam-mfa-enforcement'],
      checkId: 'iam.console-users-mfa',
      source: api,
      aws: AWS,
      capturedAt: '2026-12-20T10:00:00.000Z',
      effectiveDate: '2026-12-20',
      capturedBy: me,
    }),
  );
  const entities = Array.from({ length: 30 }, (_, i) => ({
    arn: `arn:aws:iam::111122223333:user/user-${i}`,
    result: i < 2 ? ('fail' as const) : ('pass' as const),
    detail: i < 2 ? 'Console password without MFA.' : 'Has MFA.',
  }));
  records.push(
    await ws.evidence.addBytes(JSON.stringify(finding('iam.console-users-mfa', 'fail', entities), null, 2), {
      title: 'Findings: console users have MFA',
      kind: 'findings',
      mediaType: 'application/json',
      fileName: 'iam-console-users-mfa-findings.json',
      controlIds: ['iam-mfa-enforcement', 'iam-root-account'],
      checkId: 'iam.console-users-mfa',
      source: { type: 'derived', from: [records[0]!.id], rule: 'iam.console-users-mfa' },
      aws: AWS,
      capturedAt: '2026-12-20T10:00:01.000Z',
      effectiveDate: '2026-12-20',
      capturedBy: me,
    }),
  );
  records.push(
    await ws.evidence.addBytes(screenshotPng(), {
      title: 'IAM account settings: password policy',
      kind: 'screenshot',
      mediaType: 'image/png',
      fileName: 'iam-account-settings-2026-12.png',
      controlIds: ['iam-password-policy'],
      source: {
        type: 'console_capture',
        url: 'https://us-east-1.console.aws.amazon.com/iam/home#/account_settings',
        windowSize: { width: 1280, height: 800 },
      },
      aws: AWS,
      capturedAt: '2026-12-21T09:30:00.000Z',
      effectiveDate: '2026-12-21',
      capturedBy: me,
    }),
  );
  records.push(
    await ws.evidence.addBytes('Access review, Q4 2026: all 12 accounts reviewed.\n', {
      title: '=HYPERLINK("http://evil.example","click") ../../etc/passwd',
      kind: 'document',
      mediaType: 'text/plain',
      fileName: '../../etc/passwd\u0007.txt',
      controlIds: ['access-reviews'],
      source: { type: 'import', originalName: 'review.txt' },
      capturedAt: '2027-01-05T12:00:00.000Z',
      effectiveDate: '2027-01-05',
      capturedBy: me,
    }),
  );
  const awsReport = await signAwsReview(services);
  return { ...ctx, records, awsReport };
}

export type Scenario = Awaited<ReturnType<typeof scenarioWorkspace>>;

/** Adds `count` imported documents of `mb` MiB each: enough bytes for an export to take a while. */
export async function addLargeDocuments(
  evidence: {
    addBytes(
      content: Uint8Array,
      fields: Omit<EvidenceRecord, 'schemaVersion' | 'id' | 'sha256' | 'size' | 'capturedAt' | 'appVersion'>,
    ): Promise<EvidenceRecord>;
  },
  count: number,
  mb: number,
  fill: (i: number) => Buffer = (i) => Buffer.alloc(mb * 1024 * 1024, i),
): Promise<void> {
  for (let i = 0; i < count; i++) {
    await evidence.addBytes(fill(i), {
      title: `Large document ${i}`,
      kind: 'document',
      mediaType: 'application/pdf',
      fileName: `large-${i}.pdf`,
      controlIds: ['risk-assessment'],
      source: { type: 'import', originalName: `large-${i}.pdf` },
      effectiveDate: '2026-12-01',
      capturedBy: DANA,
    });
  }
}
