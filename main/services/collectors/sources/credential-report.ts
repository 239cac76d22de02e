import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { AppError } from '../../../../shared/ipc/result';
import type { CredentialReportRow } from '../../../../shared/rules/iam';
import { parseCredentialReport } from './credential-report-csv';
import type { RawPage } from '../call-recorder';
import type { SourceContext } from './types';

export const DEFAULT_POLL_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000];

const errorName = (e: unknown) => (e as { name?: string }).name ?? '';
/** Answers to GenerateCredentialReport that mean "ask again later"; this loop owns their backoff. */
const TRY_LATER = new Set(['LimitExceededException', 'Throttling', 'ThrottlingException']);
/** The report aged out or vanished between Generate and Get: generating again fixes it. */
const REGENERATE = new Set([
  'CredentialReportExpiredException',
  'CredentialReportNotPresentException',
  'CredentialReportNotReadyException',
]);
const MAX_REGENERATIONS = 3;

export interface FetchedReport {
  /** The report exactly as GetCredentialReport returned it (base64-decoded by the SDK). */
  bytes: Uint8Array;
  csv: string;
  rows: CredentialReportRow[];
  generatedAt?: string;
  pages: RawPage[];
}

/**
 * GenerateCredentialReport until COMPLETE (with backoff, also through LimitExceeded), then
 * GetCredentialReport. A report AWS says is expired, missing or not ready is generated again.
 */
export async function fetchCredentialReport({
  clients,
  region,
  signal,
  recorder,
  poll,
}: SourceContext): Promise<FetchedReport> {
  const client = clients.iam(region);
  const pollClient = clients.iamPoll(region);
  const pages: RawPage[] = [];
  let waited = 0;
  const wait = async (step: number) => {
    const ms = poll.delaysMs[Math.min(step, poll.delaysMs.length - 1)] ?? 1000;
    if (waited + ms > poll.maxWaitMs) {
      throw new AppError(
        'TIMEOUT',
        `AWS had not finished the IAM credential report after ${Math.round(waited / 1000)} seconds.`,
        {
          hint: 'Run the checks again in a minute: AWS keeps generating the report in the meantime.',
        },
      );
    }
    waited += ms;
    await poll.sleep(ms, signal);
  };

  for (let regenerations = 0; ; regenerations++) {
    for (let step = 0; ; step++) {
      try {
        const { output, page } = await recorder.call('GenerateCredentialReport', () =>
          pollClient.send(new GenerateCredentialReportCommand({}), { abortSignal: signal }),
        );
        pages.push(page);
        if (output.State === 'COMPLETE') break;
      } catch (e) {
        if (!TRY_LATER.has(errorName(e))) throw e;
        if (errorName(e) === 'LimitExceededException' && waited >= poll.maxWaitMs / 2) {
          throw new AppError(
            'THROTTLED',
            'AWS refused to generate a new IAM credential report (LimitExceeded): reports can only be generated so often.',
            {
              hint: 'Wait a few minutes and run the checks again.',
              details: { awsError: 'LimitExceeded' },
            },
          );
        }
      }
      await wait(step);
    }
    try {
      const { output, page } = await recorder.call('GetCredentialReport', () =>
        client.send(new GetCredentialReportCommand({}), { abortSignal: signal }),
      );
      // The CSV itself is stored as its own file; the page keeps the metadata only.
      pages.push({
        ...page,
        response: { ReportFormat: output.ReportFormat, GeneratedTime: output.GeneratedTime?.toISOString() },
      });
      const bytes = output.Content ?? new Uint8Array();
      const csv = new TextDecoder('utf-8').decode(bytes);
      return { bytes, csv, rows: parseCredentialReport(csv), generatedAt: output.GeneratedTime?.toISOString(), pages };
    } catch (e) {
      if (!REGENERATE.has(errorName(e)) || regenerations >= MAX_REGENERATIONS) throw e;
    }
  }
}
