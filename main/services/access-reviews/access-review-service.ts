import { randomBytes } from 'node:crypto';
import {
  AccessDecision,
  DECISIONS,
  type AccessReview,
  type AccessReviewsDoc,
  type Decision,
  type PopulationRow,
} from '../../../shared/domain/access-review';
import { ACCESS_REVIEW_CONTROL_ID } from '../../../shared/catalog';
import { AppError } from '../../../shared/ipc/result';
import { compareFollowUps } from '../../../shared/rules/access/loop-closing';
import {
  accessReviewContent,
  nextDue,
  reviewProgress,
  goneReviewers,
  reviewerName,
  reviewersOf,
  reviewRowProblems,
  selfReviewedRows,
} from '../../../shared/rules/access/review-rules';
import type { Person } from '../../../shared/domain/common';
import type { TeamMember } from '../../../shared/domain/team';
import type { AccessReviewView } from '../../../shared/ipc/channels/access-review';
import type { WorkspaceService } from '../workspace/workspace-service';
import { decisionsCsv } from './decisions-csv';
import { accessReviewSummaryPdf } from './summary-pdf';
import { collectPopulation, type PopulationDeps } from './population-collector';
import { refuseWhenSigned, refuseWhenUnsigned, reopenReason, signatureOver } from '../reviews/review-kernel';
import type { SignOffKeys } from '../reviews/sign-off-keys';
import type { SigningKeyChoice } from '../../../shared/domain/signing';
import { signatureStands } from '../../../shared/rules/reviews/review-standing';
import { canonicalJson } from '../../../shared/util/canonical-json';
import {
  accessReviewKeyVerdict,
  accessReviewKeyVerdicts,
  accessReviewStanding,
  accessReviewStatement,
  historyWords,
} from './access-review-sign-off';

/** The names of these team members by id, recorded on the review so a reviewer who leaves is still named. */
const namesOf = (ids: readonly string[], members: readonly TeamMember[]): Record<string, string> =>
  Object.fromEntries(members.filter((m) => ids.includes(m.id)).map((m) => [m.id, m.name]));

/**
 * Only a current teammate assigned to the row decides it: someone removed from the team, or not
 * among the row's reviewers, is refused and nothing changes.
 */
function refuseUnlessReviewer(review: AccessReview, row: PopulationRow, by: Person, members: readonly TeamMember[]) {
  const me = members.find((m) => m.email.toLowerCase() === by.email.toLowerCase());
  const reviewers = reviewersOf(review, row.id);
  if (!me)
    throw new AppError('NOT_A_REVIEWER', `${by.name} is no longer on the team, so cannot decide ${row.name}.`, {
      hint: 'Only a current teammate assigned to the row decides it. Nothing was changed.',
    });
  if (!reviewers.includes(me.id)) {
    const current = reviewers.filter((id) => members.some((m) => m.id === id));
    throw new AppError(
      'NOT_A_REVIEWER',
      `${me.name} is not a reviewer of ${row.name}: ${current.length ? `it is assigned to ${current.map((id) => reviewerName(review, id, members)).join(', ')}` : 'nobody on the team is assigned to it'}.`,
      {
        hint: 'Assign yourself to the row first (or ask its reviewer to decide it). Nothing was changed.',
        details: { rowId: row.id, reviewerIds: reviewers },
      },
    );
  }
}

export interface AccessReviewDeps extends PopulationDeps {
  workspaces: WorkspaceService;
  signOffKeys: SignOffKeys;
}

/**
 * Access reviews in the open workspace: start one (the population collected from the
 * account), assign reviewers, record decisions, sign through the review kernel, reopen with a
 * reason, and close the loop on a later collection. Every change re-reads the stored review
 * inside the workspace's serialised change, so a decision and a sign-off sent together cannot
 * both pass against a stale copy; a save refused (the lock is another app's) changes nothing.
 */
export class AccessReviewService {
  constructor(private readonly deps: AccessReviewDeps) {}

  get(): Promise<AccessReviewView> {
    const ws = this.deps.workspaces.require();
    return this.view(ws.accessReviews);
  }

  /** Collects the population and stores it as evidence, without starting a review (the CLI's `access-review population`). */
  async population(input: { profile?: string; region?: string } = {}) {
    const ws = this.deps.workspaces.require();
    const profile = input.profile ?? ws.meta.aws.profile;
    if (!profile)
      throw new AppError('INVALID_INPUT', 'Choose the AWS profile to read the population with.', {
        hint: 'Pick a profile on the AWS screen first.',
      });
    const population = await collectPopulation(this.deps, {
      profile,
      ...(input.region ? { region: input.region } : {}),
      team: ws.team.members,
      scope: ws.meta.aws,
      settings: ws.meta.checkSettings,
      person: ws.actor(),
      evidence: ws.evidence,
    });
    await ws.record({
      action: 'access-review.population',
      target: `evidence:${population.evidence.id}`,
      summary: `Collected the access review population: ${population.rows.length} identities in ${population.accountIds.join(', ')}`,
    });
    return population;
  }

  async start(input: { profile?: string; region?: string } = {}): Promise<AccessReviewView> {
    const ws = this.deps.workspaces.require();
    const person = ws.actor();
    const open = this.current(ws.accessReviews);
    if (open && !open.signed)
      throw new AppError('CONFLICT', 'An access review is already in progress.', {
        hint: 'Finish and sign it, or compare it with a new collection, before starting another.',
      });
    const profile = input.profile ?? ws.meta.aws.profile;
    if (!profile)
      throw new AppError('INVALID_INPUT', 'Choose the AWS profile to read the population with.', {
        hint: 'Pick a profile on the AWS screen first.',
      });
    const population = await collectPopulation(this.deps, {
      profile,
      ...(input.region ? { region: input.region } : {}),
      team: ws.team.members,
      scope: ws.meta.aws,
      settings: ws.meta.checkSettings,
      person,
      evidence: ws.evidence,
    });
    const owner = ws.controls.controls[ACCESS_REVIEW_CONTROL_ID]?.ownerId ?? null;
    const review: AccessReview = {
      id: `ar-${population.collectedAt.slice(0, 10)}-${randomBytes(3).toString('hex')}`,
      startedAt: this.deps.now().toISOString(),
      startedBy: person,
      accountIds: population.accountIds,
      accounts: population.accounts,
      notes: population.notes,
      populationEvidenceId: population.evidence.id,
      collectedAt: population.collectedAt,
      rows: population.rows,
      reviewers: {},
      defaultReviewerIds: owner ? [owner] : [],
      reviewerNames: namesOf(owner ? [owner] : [], ws.team.members),
      decisions: {},
      signed: null,
      evidenceIds: [population.evidence.id],
      followUps: {},
    };
    const doc = await ws.change('accessReviews', (d) => ({ ...d, reviews: [...d.reviews, review] }), {
      action: 'access-review.started',
      target: `access-review:${review.id}`,
      summary: `Started an access review of ${review.rows.length} identities in ${population.accountIds.join(', ')}${population.notes.length ? ` (${population.notes.join(' ')})` : ''}`,
      details: { evidenceId: population.evidence.id },
    });
    return this.view(doc);
  }

  async assign(rowIds: string[], memberIds: string[]): Promise<AccessReviewView> {
    const ws = this.deps.workspaces.require();
    const known = new Set(ws.team.members.map((m) => m.id));
    const unknown = memberIds.filter((id) => !known.has(id));
    if (unknown.length || memberIds.length === 0)
      throw new AppError('INVALID_INPUT', 'Choose reviewers from the current team.', {
        hint: 'Add the person under Team first; nothing was changed.',
      });
    return this.changeOpen(
      (r) => {
        const missing = rowIds.filter((id) => !r.rows.some((row) => row.id === id));
        if (missing.length)
          throw new AppError('NOT_FOUND', `No row ${missing[0]} in this review.`, { hint: 'Nothing was changed.' });
        const wanted = new Set(rowIds);
        const self = selfReviewedRows(
          r.rows.filter((row) => wanted.has(row.id)),
          memberIds,
          ws.team.members,
        );
        if (self.length > 0) {
          const [first] = self;
          throw new AppError(
            'INVALID_INPUT',
            self.length === 1
              ? `${first!.member.name} would be the only reviewer of their own access (${first!.row.name}): nobody may be the only reviewer of their own access.`
              : `${first!.member.name} would be the only reviewer of their own access in ${self.length} of the ${rowIds.length} rows (first: ${first!.row.name}): nobody may be the only reviewer of their own access.`,
            {
              hint: 'Add a second reviewer, or leave those rows out of the selection. Nothing was changed.',
              details: { rowIds: self.map((x) => x.row.id) },
            },
          );
        }
        return {
          ...r,
          reviewers: { ...r.reviewers, ...Object.fromEntries(rowIds.map((id) => [id, [...memberIds]])) },
          reviewerNames: { ...r.reviewerNames, ...namesOf(memberIds, ws.team.members) },
        };
      },
      'access-review.assigned',
      `Assigned ${rowIds.length} row${rowIds.length === 1 ? '' : 's'} of the access review`,
    );
  }

  async decide(rowId: string, decision: Decision, justification: string): Promise<AccessReviewView> {
    if (!DECISIONS.includes(decision))
      throw new AppError('INVALID_INPUT', `"${decision}" is not a decision: keep, remove or change.`);
    const ws = this.deps.workspaces.require();
    const by = ws.actor();
    const parsed = AccessDecision.parse({ decision, justification, by, at: this.deps.now().toISOString() });
    return this.changeOpen(
      (r) => {
        const row = r.rows.find((x) => x.id === rowId);
        if (!row) throw new AppError('NOT_FOUND', `No row ${rowId} in this review.`, { hint: 'Nothing was changed.' });
        refuseUnlessReviewer(r, row, by, ws.team.members);
        return { ...r, decisions: { ...r.decisions, [rowId]: parsed } };
      },
      'access-review.decided',
      `Access review: ${decision} ${rowId}${parsed.justification ? `: ${parsed.justification}` : ''}`,
    );
  }

  /**
   * Signs the review off once every row is decided: with `key`, the person's SSH key signs the
   * sign-off statement (before the change: ssh-keygen is slow and may wait for the agent); without
   * one, the sign-off is recorded, worded "recorded by", never as a signature.
   */
  async sign(key?: SigningKeyChoice): Promise<AccessReviewView> {
    const ws = this.deps.workspaces.require();
    const by = ws.actor();
    const members = ws.team.members;
    const at = this.deps.now().toISOString();
    const blockOf = (r: AccessReview) => {
      refuseWhenSigned(r.signed, 'The access review');
      const problems = reviewRowProblems(r, members);
      if (problems.length > 0)
        throw new AppError(
          'REVIEW_INCOMPLETE',
          `The access review cannot be signed yet: ${problems.length} thing${problems.length === 1 ? ' is' : 's are'} open. First: ${problems[0]!.message}`,
          { hint: 'Decide every row (with a justification where it is asked), then sign.', details: { problems } },
        );
      return signatureOver(by, at, accessReviewContent(r));
    };
    const pending = this.current(ws.accessReviews);
    if (!pending)
      throw new AppError('NOT_FOUND', 'There is no access review yet.', {
        hint: 'Start one on the Access reviews screen.',
      });
    const unsigned = blockOf(pending);
    const signature = key
      ? await this.deps.signOffKeys.sign(key, accessReviewStatement(pending, unsigned, ws.meta.id))
      : undefined;
    let signedReview: AccessReview | undefined;
    const doc = await this.changeDoc(
      (r) => {
        const block = blockOf(r);
        // ssh-keygen took a while: a decision in between would leave the signature over other content.
        if (r.id !== pending.id || canonicalJson(block) !== canonicalJson(unsigned))
          throw new AppError('CONFLICT', 'The access review changed while it was being signed; nothing was signed.', {
            hint: 'Check the review as it is now and sign again.',
          });
        signedReview = { ...r, signed: signature ? { ...block, key: signature } : block };
        return signedReview;
      },
      'access-review.signed',
      signature
        ? `Signed the access review with ${signature.keyType} key ${signature.fingerprint}`
        : 'Recorded the sign-off of the access review, not signed with a key',
    );
    // Evidence of the decisions, linked to the access-review control, after the signature is on disk.
    const review = signedReview!;
    // Both documents are derived from the population and dated by the signature.
    const signedDocument = (bytes: Buffer, what: string, mediaType: string, fileName: string, rule: string) =>
      ws.evidence.addBytes(bytes, {
        title: `Access review ${review.id}: ${what}`,
        controlIds: [ACCESS_REVIEW_CONTROL_ID],
        kind: 'document',
        mediaType,
        fileName,
        source: { type: 'derived', from: review.populationEvidenceId ? [review.populationEvidenceId] : [], rule },
        capturedAt: this.deps.now().toISOString(),
        effectiveDate: review.signed!.at.slice(0, 10),
        capturedBy: by,
      });
    const csv = await signedDocument(
      decisionsCsv(review, members),
      'decisions',
      'text/csv',
      `${review.id}-decisions.csv`,
      'access-review.decisions',
    );
    const summary = await signedDocument(
      await accessReviewSummaryPdf(
        review,
        ws.accessReviews,
        ws.team,
        this.deps.appVersion,
        ws.meta.sample === true,
        await accessReviewKeyVerdict(this.deps.signOffKeys, review, ws.meta.id),
      ),
      'signed summary',
      'application/pdf',
      `${review.id}-summary.pdf`,
      'access-review.summary',
    );
    await this.changeDoc(
      (r) => ({ ...r, evidenceIds: [...new Set([...r.evidenceIds, csv.id, summary.id])] }),
      'access-review.evidence',
      `Stored the signed access review's decisions (${csv.id}) and summary (${summary.id}) as evidence`,
      review.id,
    );
    return this.view(this.deps.workspaces.require().accessReviews ?? doc);
  }

  async reopen(reason: string): Promise<AccessReviewView> {
    const why = reopenReason(reason);
    return this.changeDoc(
      (r) => {
        refuseWhenUnsigned(r.signed);
        return { ...r, signed: null };
      },
      'access-review.reopened',
      `Reopened the signed access review: ${why}`,
    ).then((d) => this.view(d));
  }

  /** Compares the latest signed review's removes and changes with a new collection of the account. */
  async closeLoop(input: { profile?: string; region?: string } = {}): Promise<AccessReviewView> {
    const ws = this.deps.workspaces.require();
    const person = ws.actor();
    // The kernel's answer: a forged or outdated sign-off is not a signed review to compare with.
    const reviews = ws.accessReviews.reviews;
    const verdicts = await accessReviewKeyVerdicts(this.deps.signOffKeys, reviews, ws.meta.id);
    const signed = reviews.findLast((r) =>
      signatureStands(accessReviewStanding(r, ws.team.members, verdicts.get(r.id)!)),
    );
    if (!signed)
      throw new AppError('CONFLICT', 'No signed access review to compare with.', {
        hint: 'Sign a review first (a forged sign-off, or one that no longer stands, does not count).',
      });
    const profile = input.profile ?? ws.meta.aws.profile;
    if (!profile) throw new AppError('INVALID_INPUT', 'Choose the AWS profile to read the account with.');
    const population = await collectPopulation(this.deps, {
      profile,
      ...(input.region ? { region: input.region } : {}),
      team: ws.team.members,
      scope: ws.meta.aws,
      settings: ws.meta.checkSettings,
      person,
      evidence: ws.evidence,
    });
    // An identity in an account (or Identity Center) this collection could not read is not judged gone.
    const followUps = compareFollowUps(signed, population.rows, population.collectedAt, {
      iamAccountIds: population.accountIds,
      identityCenter: population.identityCenterRead,
    });
    const done = Object.values(followUps).filter((f) => f.status === 'carried_out').length;
    const doc = await this.changeDoc(
      (r) => ({ ...r, followUps }),
      'access-review.compared',
      `Compared the signed access review with a new collection: ${done} of ${Object.keys(followUps).length} removes and changes carried out`,
      signed.id,
    );
    return this.view(doc);
  }

  async setCadence(days: number): Promise<AccessReviewView> {
    if (!Number.isInteger(days) || days < 7 || days > 366)
      throw new AppError('INVALID_INPUT', 'The review cadence is a number of days from 7 to 366 (quarterly: 91).');
    const ws = this.deps.workspaces.require();
    const doc = await ws.change('accessReviews', (d) => ({ ...d, cadenceDays: days }), {
      action: 'access-review.cadence',
      summary: `Access reviews are due every ${days} days`,
    });
    return this.view(doc);
  }

  private current(doc: AccessReviewsDoc): AccessReview | undefined {
    return doc.reviews.at(-1);
  }

  private changeOpen(update: (r: AccessReview) => AccessReview, action: string, summary: string) {
    return this.changeDoc(
      (r) => {
        refuseWhenSigned(r.signed, 'The access review');
        return update(r);
      },
      action,
      summary,
    ).then((d) => this.view(d));
  }

  /** Changes one review (the newest, unless named) inside the workspace's serialised change. */
  private changeDoc(update: (r: AccessReview) => AccessReview, action: string, summary: string, reviewId?: string) {
    const ws = this.deps.workspaces.require();
    let target = '';
    return ws.change(
      'accessReviews',
      (d) => {
        const index = reviewId ? d.reviews.findIndex((r) => r.id === reviewId) : d.reviews.length - 1;
        const review = d.reviews[index];
        if (!review)
          throw new AppError('NOT_FOUND', 'There is no access review yet.', {
            hint: 'Start one on the Access reviews screen.',
          });
        target = review.id;
        const reviews = [...d.reviews];
        reviews[index] = update(review);
        return { ...d, reviews };
      },
      { action, target: `access-review:${reviewId ?? this.current(ws.accessReviews)?.id ?? target}`, summary },
    );
  }

  /** The review as the screen shows it; each SSH signature is checked here (once, then remembered). */
  private async view(doc: AccessReviewsDoc): Promise<AccessReviewView> {
    const ws = this.deps.workspaces.require();
    const review = this.current(doc) ?? null;
    const problems = review ? reviewRowProblems(review, ws.team.members) : [];
    const verdicts = await accessReviewKeyVerdicts(this.deps.signOffKeys, doc.reviews, ws.meta.id);
    const standingOfReview = (r: AccessReview) => accessReviewStanding(r, ws.team.members, verdicts.get(r.id)!);
    // The kernel's answer: only a sign-off that stands (not forged, not outdated) is the last one signed.
    const due = nextDue(doc.reviews.map(standingOfReview).filter(signatureStands), doc.cadenceDays);
    return {
      review,
      standing: review ? standingOfReview(review) : null,
      progress: review ? reviewProgress(review) : null,
      problems,
      goneReviewers: review ? goneReviewers(review, ws.team.members) : [],
      history: doc.reviews.map((r) => ({
        id: r.id,
        startedAt: r.startedAt,
        signOff: historyWords(standingOfReview(r)),
        rows: r.rows.length,
      })),
      ...due,
      cadenceDays: doc.cadenceDays,
    };
  }
}
