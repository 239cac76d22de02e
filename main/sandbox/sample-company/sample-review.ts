import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AwsReportReviewDraft } from '../../../shared/domain/aws-report-review';
import { SAMPLE_MARK } from '../../../shared/domain/workspace';
import { SAMPLE_REGIONS } from '../aws-endpoint/scenarios/sample-company';

/**
 * A stand-in for AWS's SOC 2 report (the real one is AWS Confidential, from AWS Artifact): a
 * small file that is a PDF by its structure and says what it is. Written where the caller
 * says (never into the workspace, as the real report never is).
 */
export async function writeSampleReportPdf(dir: string): Promise<{ path: string; sha256: string }> {
  const bytes = Buffer.from(`%PDF-1.7\n% ${SAMPLE_MARK}: a stand-in for AWS's SOC 2 report\n%%EOF\n`);
  const path = join(dir, 'Sample stand-in for the AWS SOC 2 report.pdf');
  await writeFile(path, bytes);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const day = (now: Date, daysBefore: number) =>
  new Date(now.getTime() - daysBefore * 86_400_000).toISOString().slice(0, 10);

/** What the sample company's reviewer records: every field a signature needs, for a report issued before `now`. */
export function sampleReviewDraft(current: AwsReportReviewDraft, now: Date): AwsReportReviewDraft {
  return {
    ...current,
    report: {
      ...current.report,
      title: `${SAMPLE_MARK}: Amazon Web Services SOC 2 Report (sample stand-in)`,
      reportType: 'type2',
      periodStart: day(now, 60 + 365),
      periodEnd: day(now, 60),
      issuedOn: day(now, 15),
      serviceAuditor: 'Example Assurance LLP',
      opinion: 'unmodified',
      categories: ['security', 'availability', 'confidentiality', 'privacy'],
      subserviceTreatment: 'carve_out',
    },
    services: [
      { service: 'AWS IAM Identity Center', inScope: true, note: '' },
      { service: 'Amazon EC2', inScope: true, note: '' },
      { service: 'Amazon S3', inScope: true, note: '' },
    ],
    regions: SAMPLE_REGIONS.join(', '),
    conclusion: {
      gapCoverage: 'bridge_letter',
      gapNote: 'Sample: a bridge letter covers the months from the end of the report to the as-of date.',
      reliance: 'rely',
      followUps: '',
    },
  };
}
