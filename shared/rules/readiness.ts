import {
  ACCESS_REVIEW_CONTROL_ID,
  AWS_REPORT_REVIEW_CONTROL_ID,
  GROUP_LABELS,
  criterionById,
  groupsForCategories,
} from '../catalog';
import type { ControlDef, CriteriaGroup, Responsibility } from '../catalog/types';
import { defaultControlState, type ControlState, type ControlStatus } from '../domain/control-state';
import type { RELIANCE } from '../domain/aws-report-review';
import type { TeamMember } from '../domain/team';
import type { Category } from '../domain/workspace';
import type { ReviewState } from './reviews/review-standing';

/**
 * Readiness math for the dashboard. Pure: "today" is passed in.
 *
 * How inherited controls count: AWS operates them and its SOC 2 report proves them, so the
 * company's work is the review of that report, recorded on the `vendor-risk-management` control.
 * An inherited control's effective status is the further along of its own status and that
 * review control's status, but the review control counts beyond "in progress" only while the
 * review itself stands: signed, its signature still valid for the audit's as-of date and
 * categories (no signature problems), and concluding that the company relies on AWS's report.
 * Once the review control is accepted and the review stands, every inherited control counts as
 * accepted.
 * Inherited controls never raise "no owner" or "not started" blockers; the review control does,
 * and its reasons say the inherited controls wait on it.
 *
 * "Ready" means accepted or ready for review; `percentAccepted` counts accepted only. Percentages
 * round down, so 100 % means every control, not nearly every one.
 */

export interface ReadinessInput {
  /** The controls in the workspace's scope (see `controlsInScope`). */
  controls: readonly ControlDef[];
  /** Keyed by control id; a missing entry is the default state. */
  states: Readonly<Record<string, ControlState>>;
  members: readonly Pick<TeamMember, 'id' | 'name'>[];
  /** The current user's member id, or null when they are not on the team yet. */
  meId: string | null;
  /** `YYYY-MM-DD`, the day exclusions are judged against. */
  today: string;
  /** The workspace's categories: they decide which criteria groups are shown. */
  categories: readonly Category[];
  /** The latest result of each automated check per account in scope (absent: none collected yet). */
  checkResults?: readonly CheckOutcome[];
  /**
   * Where the review of AWS's SOC 2 report stands (absent: not known: no blocker raised, and
   * inherited controls count as at most in progress).
   */
  awsReportReview?: AwsReviewStanding;
  /** Where the access reviews stand (absent: not known: no blocker raised). */
  accessReview?: AccessReviewStanding;
}

/** What readiness needs of the access reviews: the newest review's standing and when the next is due. */
export interface AccessReviewStanding {
  /** The review kernel's state of the newest review; null before the first. */
  state: ReviewState | null;
  decided: number;
  rows: number;
  /** The newest signed review's date and when the next is due (YYYY-MM-DD); null until one was signed. */
  lastSigned: string | null;
  nextDue: string | null;
}

/** What readiness needs of the review of AWS's SOC 2 report. */
export interface AwsReviewStanding {
  signed: boolean;
  /** Blocking problems left in the review (they prevent signing). */
  blockingProblems: number;
  /** Why a signature no longer stands (other as-of date or categories, content changed); empty when it stands or is absent. */
  signatureProblems: readonly string[];
  /** Its sign-off carries an SSH signature that does not verify: it counts as not signed (`signed` is false). */
  forged?: boolean;
  /** The review's conclusion; null when not concluded. */
  reliance: (typeof RELIANCE)[number] | null;
}

/** Whether the company may count on AWS's report: the review is signed, still valid, and relies on it. */
export const reviewStands = (standing: AwsReviewStanding | undefined): boolean =>
  standing !== undefined &&
  standing.signed &&
  standing.signatureProblems.length === 0 &&
  standing.reliance !== null &&
  standing.reliance !== 'do_not_rely';

/** What readiness needs of a check's latest finding in one account in scope. */
export interface CheckOutcome {
  checkId: string;
  /** The account it was collected in (absent: its record names none). */
  accountId?: string;
  result: 'pass' | 'fail' | 'needs_review' | 'not_applicable' | 'error';
  summary: string;
  collectedAt: string;
}

export type StatusCounts = Record<ControlStatus, number> & { total: number };

export interface GroupReadiness {
  group: CriteriaGroup;
  label: string;
  /** Controls supporting at least one criterion of the group. */
  total: number;
  accepted: number;
  readyForReview: number;
  inProgress: number;
  notStarted: number;
  percentReady: number;
  percentAccepted: number;
}

export interface AssignedControl {
  controlId: string;
  title: string;
  responsibility: Responsibility;
  status: ControlStatus;
}

export const BLOCKER_KINDS = [
  'exclusion_expired',
  'check_failing',
  'report_review_unsigned',
  'report_review_signature_stale',
  'report_review_signature_forged',
  'access_review_unsigned',
  'access_review_overdue',
  'no_owner',
  'owner_not_on_team',
  'awaiting_review',
  'not_started',
] as const;
export type BlockerKind = (typeof BLOCKER_KINDS)[number];

export interface Blocker {
  kind: BlockerKind;
  controlId: string;
  title: string;
  /** A sentence for people: what is wrong and what to do. */
  reason: string;
  exclusionId?: string;
}

export interface Readiness {
  total: number;
  byStatus: StatusCounts;
  byResponsibility: Record<Responsibility, StatusCounts>;
  percentReady: number;
  percentAccepted: number;
  groups: GroupReadiness[];
  assignedToMe: AssignedControl[];
  blockers: Blocker[];
}

const RANK: Record<ControlStatus, number> = { not_started: 0, in_progress: 1, ready_for_review: 2, accepted: 3 };

const stateOf = (states: ReadinessInput['states'], id: string): ControlState => states[id] ?? defaultControlState();

/**
 * The status a control counts with; differs from its own status only for inherited controls,
 * which follow the review control, but no further than "in progress" unless the review of
 * AWS's report stands (see `reviewStands`; unknown counts as not standing).
 */
export const effectiveStatus = (
  control: ControlDef,
  states: ReadinessInput['states'],
  review: AwsReviewStanding | undefined,
): ControlStatus => {
  const own = stateOf(states, control.id).status;
  if (control.responsibility !== 'inherited') return own;
  const reviewControl = stateOf(states, AWS_REPORT_REVIEW_CONTROL_ID).status;
  const contribution = reviewStands(review) || RANK[reviewControl] <= RANK.in_progress ? reviewControl : 'in_progress';
  return RANK[contribution] > RANK[own] ? contribution : own;
};

const percent = (part: number, total: number): number => (total === 0 ? 0 : Math.floor((100 * part) / total));

const emptyCounts = (): StatusCounts => ({
  total: 0,
  not_started: 0,
  in_progress: 0,
  ready_for_review: 0,
  accepted: 0,
});

const groupsOf = (control: ControlDef): Set<CriteriaGroup> =>
  new Set(control.criteria.map((id) => criterionById(id)?.group).filter((g): g is CriteriaGroup => g !== undefined));

export function computeReadiness(input: ReadinessInput): Readiness {
  const { controls, states, members, meId, today, categories } = input;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`Readiness needs today's date as YYYY-MM-DD, got "${today}"`);

  const status = new Map(controls.map((c) => [c.id, effectiveStatus(c, states, input.awsReportReview)]));
  const statusOf = (c: ControlDef): ControlStatus => status.get(c.id) ?? 'not_started';

  const byStatus = emptyCounts();
  const byResponsibility: Record<Responsibility, StatusCounts> = {
    inherited: emptyCounts(),
    owned: emptyCounts(),
    shared: emptyCounts(),
  };
  for (const c of controls) {
    for (const counts of [byStatus, byResponsibility[c.responsibility]]) {
      counts.total += 1;
      counts[statusOf(c)] += 1;
    }
  }

  const groups = groupsForCategories(categories).map((group): GroupReadiness => {
    const counts = emptyCounts();
    for (const c of controls.filter((c) => groupsOf(c).has(group))) {
      counts.total += 1;
      counts[statusOf(c)] += 1;
    }
    return {
      group,
      label: GROUP_LABELS[group],
      total: counts.total,
      accepted: counts.accepted,
      readyForReview: counts.ready_for_review,
      inProgress: counts.in_progress,
      notStarted: counts.not_started,
      percentReady: percent(counts.accepted + counts.ready_for_review, counts.total),
      percentAccepted: percent(counts.accepted, counts.total),
    };
  });

  const assignedToMe =
    meId === null
      ? []
      : controls
          .filter((c) => stateOf(states, c.id).ownerId === meId)
          .map((c) => ({ controlId: c.id, title: c.title, responsibility: c.responsibility, status: statusOf(c) }))
          .sort((a, b) => RANK[a.status] - RANK[b.status]);

  return {
    total: byStatus.total,
    byStatus,
    byResponsibility,
    percentReady: percent(byStatus.accepted + byStatus.ready_for_review, byStatus.total),
    percentAccepted: percent(byStatus.accepted, byStatus.total),
    groups,
    assignedToMe,
    blockers: findBlockers(
      controls,
      states,
      members,
      today,
      input.checkResults ?? [],
      input.awsReportReview,
      input.accessReview,
    ),
  };
}

function findBlockers(
  controls: readonly ControlDef[],
  states: ReadinessInput['states'],
  members: ReadinessInput['members'],
  today: string,
  checkResults: readonly CheckOutcome[],
  awsReportReview: ReadinessInput['awsReportReview'],
  accessReview: ReadinessInput['accessReview'],
): Blocker[] {
  const names = new Map(members.map((m) => [m.id, m.name]));
  const latest = new Map<string, CheckOutcome[]>();
  for (const r of checkResults) latest.set(r.checkId, [...(latest.get(r.checkId) ?? []), r]);
  const inheritedCount = controls.filter((c) => c.responsibility === 'inherited').length;
  const blockers: Blocker[] = [];

  for (const c of controls) {
    const state = stateOf(states, c.id);
    const add = (kind: BlockerKind, reason: string, exclusionId?: string) =>
      blockers.push({ kind, controlId: c.id, title: c.title, reason, ...(exclusionId ? { exclusionId } : {}) });
    const dependents =
      c.id === AWS_REPORT_REVIEW_CONTROL_ID && inheritedCount > 0
        ? ` The ${inheritedCount} controls inherited from AWS count as done only once this control is, with the review of AWS's SOC 2 report recorded here signed for the audit's as-of date and scope and relying on the report.`
        : '';

    for (const x of state.exclusions) {
      // An exclusion holds through its expiry date and lapses the day after.
      if (x.expiresOn < today) {
        add(
          'exclusion_expired',
          `The exclusion "${x.what}" expired on ${x.expiresOn}. Renew it with a new approval, or fix what it excused.`,
          x.id,
        );
      }
    }

    for (const expected of c.evidence) {
      // One blocker per account in scope where the check's latest finding fails.
      for (const outcome of expected.type === 'check' ? (latest.get(expected.checkId) ?? []) : []) {
        if (outcome.result !== 'fail' && outcome.result !== 'error') continue;
        const what = outcome.result === 'fail' ? 'fails' : 'could not run';
        const where = outcome.accountId ? ` in AWS account ${outcome.accountId}` : '';
        add(
          'check_failing',
          `The automated check ${outcome.checkId} ${what}${where} (collected ${outcome.collectedAt.slice(0, 10)}): ${outcome.summary} Fix it and run the check again.`,
        );
      }
    }

    // Marking the review control done says the AWS report was reviewed: the signed review is that record.
    if (
      c.id === AWS_REPORT_REVIEW_CONTROL_ID &&
      awsReportReview &&
      !awsReportReview.signed &&
      !awsReportReview.forged &&
      RANK[state.status] >= RANK.ready_for_review
    ) {
      const missing =
        awsReportReview.blockingProblems > 0
          ? ` (${awsReportReview.blockingProblems} thing${awsReportReview.blockingProblems === 1 ? '' : 's'} missing)`
          : '';
      add(
        'report_review_unsigned',
        `It is marked "${state.status === 'accepted' ? 'Accepted' : 'Ready for review'}", but the review of AWS's SOC 2 report is not signed${missing}. Complete and sign it on the AWS report screen.${dependents}`,
      );
    }
    // A forged sign-off counts as not signed, whatever the control is marked: say so wherever it is read.
    if (c.id === AWS_REPORT_REVIEW_CONTROL_ID && awsReportReview?.forged) {
      add(
        'report_review_signature_forged',
        `The review of AWS's SOC 2 report carries a forged sign-off, so it counts as not signed: ${awsReportReview.signatureProblems.join(' ')}${dependents}`,
      );
    }
    // A signature judged for another as-of date or scope, or over other content, no longer stands.
    if (
      c.id === AWS_REPORT_REVIEW_CONTROL_ID &&
      awsReportReview?.signed &&
      awsReportReview.signatureProblems.length > 0
    ) {
      add(
        'report_review_signature_stale',
        `The signature on the review of AWS's SOC 2 report no longer stands: ${awsReportReview.signatureProblems.join(' ')}${dependents}`,
      );
    }

    if (c.id === ACCESS_REVIEW_CONTROL_ID && accessReview) {
      const unsigned = accessReview.state !== 'signed';
      if (unsigned && (accessReview.state !== null || RANK[state.status] >= RANK.ready_for_review)) {
        const where =
          accessReview.state === null
            ? 'no access review has been started'
            : accessReview.state === 'signature_forged'
              ? 'the newest access review carries a forged sign-off (its SSH signature does not verify), so it counts as not signed'
              : accessReview.state === 'signature_stale'
                ? "the newest access review's signature no longer stands (it was changed after signing)"
                : `the access review in progress is not signed (${accessReview.decided} of ${accessReview.rows} identities decided)`;
        add(
          'access_review_unsigned',
          `${where[0]!.toUpperCase()}${where.slice(1)}. Finish and sign it on the Access reviews screen: the signed review is the evidence for this control.`,
        );
      } else if (accessReview.nextDue && accessReview.nextDue < today) {
        add(
          'access_review_overdue',
          `The last access review was signed on ${accessReview.lastSigned?.slice(0, 10)}; the next was due by ${accessReview.nextDue}. Start the next review on the Access reviews screen.`,
        );
      }
    }

    if (state.status === 'ready_for_review') {
      const by = state.ownerId ? (names.get(state.ownerId) ?? 'Its owner') : 'Someone';
      add(
        'awaiting_review',
        `${by} marked it ready for review; someone other than the owner should review the evidence and accept it.${dependents}`,
      );
    }

    if (c.responsibility === 'inherited') continue;
    if (state.ownerId === null) {
      const started = state.status === 'not_started' ? ' so nobody has started it' : '';
      add(
        'no_owner',
        `Nobody owns this control${started}. Assign an owner so someone is accountable for it.${dependents}`,
      );
    } else if (!names.has(state.ownerId)) {
      add('owner_not_on_team', `Its owner is no longer on the team. Assign a current teammate.${dependents}`);
    } else if (state.status === 'not_started') {
      add('not_started', `${names.get(state.ownerId)} owns it but work has not started.${dependents}`);
    }
  }

  const order = new Map(controls.map((c, i) => [c.id, i]));
  const kindRank = (k: BlockerKind) => BLOCKER_KINDS.indexOf(k);
  return blockers.sort(
    (a, b) => kindRank(a.kind) - kindRank(b.kind) || (order.get(a.controlId) ?? 0) - (order.get(b.controlId) ?? 0),
  );
}
