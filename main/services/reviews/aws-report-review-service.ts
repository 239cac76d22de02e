import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AwsReportReviewDraftInput, type AwsReportReviewDoc } from '../../../shared/domain/aws-report-review';
import type { AwsReportReviewView } from '../../../shared/ipc/channels/aws-report';
import { AppError } from '../../../shared/ipc/result';
import { canonicalJson } from '../../../shared/util/canonical-json';
import {
  blockingProblems,
  reportGapDays,
  reviewContext,
  reviewProblems,
} from '../../../shared/rules/aws-report-review';
import { sha256OfFile } from '../evidence/evidence-store';
import { sniffFile, type Sniffed } from '../evidence/sniff';
import type { SigningKeyChoice } from '../../../shared/domain/signing';
import { awsReportKeyVerdict, awsReportStanding, awsReportStatement } from './aws-report-standing';
import type { SignOffKeys } from './sign-off-keys';
import { refuseWhenSigned, refuseWhenUnsigned, reopenReason, signatureOver } from './review-kernel';
import { reviewDraftOf } from '../../../shared/rules/aws-report-review';
import type { WorkspaceService } from '../workspace/workspace-service';

export interface AwsReportReviewDeps {
  workspaces: WorkspaceService;
  now: () => Date;
  /** The open dialog for the report PDF; null when the person cancels (or in the CLI). */
  pickReportFile: () => Promise<string | null>;
  signOffKeys: SignOffKeys;
}

/**
 * The review of AWS's SOC 2 report in the open workspace: drafts are saved as they are
 * written; signing records who concluded what, and when, and freezes the review until it is
 * reopened with a reason. Every check on the stored review ("is it signed?", "is it
 * complete?") runs inside the workspace's serialised change, against the review as it is at
 * that moment, so a save and a sign sent together cannot both pass.
 */
export class AwsReportReviewService {
  constructor(private readonly deps: AwsReportReviewDeps) {}

  get(): Promise<AwsReportReviewView> {
    const ws = this.deps.workspaces.require();
    return this.view(ws.awsReportReview);
  }

  async save(rawDraft: unknown): Promise<AwsReportReviewView> {
    const parsed = AwsReportReviewDraftInput.safeParse(rawDraft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('INVALID_INPUT', `${issue?.path.join('.') || 'review'}: ${issue?.message}`, {
        hint: 'Correct that field and save again; nothing was changed.',
      });
    }
    const ws = this.deps.workspaces.require();
    const email = ws.actor().email;
    const doc = await ws.change(
      'awsReportReview',
      (current) => {
        this.refuseWhenSigned(current);
        // The report's file is recorded only by attachReportFile, which hashed it.
        const { file: _ignored, ...report } = parsed.data.report;
        return {
          ...current,
          ...parsed.data,
          report: current.report.file ? { ...report, file: current.report.file } : report,
          ...this.stamp(email),
        };
      },
      {
        action: 'aws-report-review.saved',
        target: 'aws-report-review',
        summary: 'Edited the review of the AWS SOC 2 report',
      },
    );
    return this.view(doc);
  }

  /** Asks for the report PDF and records its name, size and SHA-256; the file itself is not kept. */
  async chooseReportFile(): Promise<AwsReportReviewView | null> {
    this.refuseWhenSigned(this.deps.workspaces.require().awsReportReview);
    const path = await this.deps.pickReportFile();
    return path === null ? null : this.attachReportFile(path);
  }

  async attachReportFile(path: string): Promise<AwsReportReviewView> {
    const ws = this.deps.workspaces.require();
    this.refuseWhenSigned(ws.awsReportReview);
    const file = await describePdf(path);
    const email = ws.actor().email;
    const doc = await ws.change(
      'awsReportReview',
      (current) => {
        // Hashing takes a while: the review may have been signed meanwhile.
        this.refuseWhenSigned(current);
        return { ...current, report: { ...current.report, file }, ...this.stamp(email) };
      },
      {
        action: 'aws-report-review.file-recorded',
        target: 'aws-report-review',
        summary: `Recorded the reviewed AWS report ${file.name} (SHA-256 ${file.sha256.slice(0, 12)}…)`,
        details: { sha256: file.sha256, bytes: file.bytes },
      },
    );
    return this.view(doc);
  }

  /**
   * Signs the review off: with `key`, the person's SSH key signs the sign-off statement (ssh-keygen,
   * before the change, since it is slow and may wait for the agent); without one, the sign-off is a
   * record of who signed and when, worded "recorded by", never as a signature.
   */
  async sign(key?: SigningKeyChoice): Promise<AwsReportReviewView> {
    const ws = this.deps.workspaces.require();
    const by = ws.actor();
    const at = this.deps.now().toISOString();
    const blockOf = (current: AwsReportReviewDoc) => {
      this.refuseWhenSigned(current);
      const blocking = blockingProblems(this.problems(current));
      if (blocking.length > 0) {
        throw new AppError(
          'REVIEW_INCOMPLETE',
          `The review cannot be signed yet: ${blocking.length} thing${blocking.length === 1 ? ' is' : 's are'} missing. First: ${blocking[0]!.message}`,
          {
            hint: 'Complete what the review lists under "Before you sign", then sign again.',
            details: { problems: blocking },
          },
        );
      }
      const { asOfDate, categories } = ws.meta;
      const { contentSha256, ...who } = signatureOver(by, at, reviewDraftOf(current));
      return {
        ...who,
        ...(current.report.file ? { reportSha256: current.report.file.sha256 } : {}),
        asOfDate,
        categories: [...categories],
        contentSha256,
      };
    };
    const unsigned = blockOf(ws.awsReportReview);
    const signature = key ? await this.deps.signOffKeys.sign(key, awsReportStatement(unsigned, ws.meta.id)) : undefined;
    const doc = await ws.change(
      'awsReportReview',
      (current) => {
        const block = blockOf(current);
        // ssh-keygen took a while: a save in between would leave the signature over other content.
        if (canonicalJson(block) !== canonicalJson(unsigned))
          throw new AppError('CONFLICT', 'The review changed while it was being signed; nothing was signed.', {
            hint: 'Check the review as it is now and sign again.',
          });
        return { ...current, signed: signature ? { ...block, key: signature } : block, ...this.stamp(by.email) };
      },
      {
        action: 'aws-report-review.signed',
        target: 'aws-report-review',
        summary: signature
          ? `Signed the review of the AWS SOC 2 report for the audit as of ${ws.meta.asOfDate} with ${signature.keyType} key ${signature.fingerprint}`
          : `Recorded the sign-off of the review of the AWS SOC 2 report for the audit as of ${ws.meta.asOfDate}, not signed with a key`,
        ...(signature ? { details: { fingerprint: signature.fingerprint } } : {}),
      },
    );
    return this.view(doc);
  }

  async reopen(reason: string): Promise<AwsReportReviewView> {
    const why = reopenReason(reason);
    const ws = this.deps.workspaces.require();
    const email = ws.actor().email;
    const doc = await ws.change(
      'awsReportReview',
      (d) => {
        refuseWhenUnsigned(d.signed);
        return { ...d, signed: null, ...this.stamp(email) };
      },
      {
        action: 'aws-report-review.reopened',
        target: 'aws-report-review',
        summary: `Reopened the signed review of the AWS SOC 2 report: ${why}`,
        details: { reason: why },
      },
    );
    return this.view(doc);
  }

  /** The review as the screens show it; an SSH signature is checked here (each one once, then remembered). */
  private async view(doc: AwsReportReviewDoc): Promise<AwsReportReviewView> {
    const { meta } = this.deps.workspaces.require();
    const end = doc.report.periodEnd;
    const problems = this.problems(doc);
    const key = await awsReportKeyVerdict(this.deps.signOffKeys, doc, meta.id);
    const standing = awsReportStanding(doc, blockingProblems(problems).length, meta, key);
    return {
      review: doc,
      problems,
      standing,
      signatureProblems: standing.signatureProblems,
      gapDays: end ? reportGapDays(end, meta.asOfDate) : null,
      asOfDate: meta.asOfDate,
    };
  }

  private problems(doc: AwsReportReviewDoc) {
    const { meta } = this.deps.workspaces.require();
    return reviewProblems(doc, reviewContext(meta, this.deps.now().toISOString().slice(0, 10)));
  }

  private refuseWhenSigned(doc: AwsReportReviewDoc): void {
    refuseWhenSigned(doc.signed);
  }

  private stamp(email: string) {
    return { updatedAt: this.deps.now().toISOString(), updatedBy: email };
  }
}

/** Name, size and SHA-256 of a report PDF, refusing anything that is not one (by content, as imports judge it). */
async function describePdf(path: string): Promise<{ name: string; sha256: string; bytes: number }> {
  const name = basename(path);
  let bytes: number;
  let sniffed: Sniffed;
  try {
    bytes = (await stat(path)).size;
    sniffed = await sniffFile(path);
  } catch (error) {
    throw new AppError(
      'IMPORT_REJECTED',
      `${name} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      { hint: 'Choose the report PDF you downloaded from AWS Artifact.' },
    );
  }
  if (sniffed.verdict !== 'format' || sniffed.format !== 'pdf') {
    const why =
      sniffed.verdict === 'polyglot'
        ? `: it is ${sniffed.formats[0]} and ${sniffed.formats[1]} at once`
        : sniffed.verdict === 'damaged'
          ? `: ${sniffed.why}`
          : '';
    throw new AppError('IMPORT_REJECTED', `${name} is not a PDF${why}.`, {
      hint: 'AWS Artifact delivers the SOC 2 report as a PDF: choose that file.',
    });
  }
  return { name, sha256: await sha256OfFile(path), bytes };
}
