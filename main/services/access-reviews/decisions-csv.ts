import {
  ACCESS_FLAG_LABELS,
  DECISION_LABELS,
  IDENTITY_KIND_LABELS,
  type AccessReview,
} from '../../../shared/domain/access-review';
import type { TeamMember } from '../../../shared/domain/team';
import { reviewersOf } from '../../../shared/rules/access/review-rules';
import { toCsv } from '../export/csv';

export const DECISIONS_CSV_HEADER = [
  'identity_id',
  'kind',
  'name',
  'arn',
  'accounts',
  'access',
  'flags',
  'flag_reasons',
  'reviewers',
  'decision',
  'justification',
  'decided_by',
  'decided_at',
  'follow_up',
  'first_seen_done',
  // IAM identities: what their `access` column does not say (appended, so earlier columns keep their place).
  'groups',
  'policies',
  'trust',
  'explained_by',
  'active_access_keys',
  'oldest_key_created',
  'oldest_key_last_used',
];

/** The decisions as an auditor reads them: one line per identity, with who reviewed and decided it (formula-guarded). */
export function decisionsCsv(
  review: AccessReview,
  members: readonly Pick<TeamMember, 'id' | 'name' | 'email'>[],
): Buffer {
  const names = new Map(members.map((m) => [m.id, `${m.name} <${m.email}>`]));
  return toCsv(
    DECISIONS_CSV_HEADER,
    review.rows.map((row) => {
      const d = review.decisions[row.id];
      const f = review.followUps[row.id];
      return [
        row.id,
        IDENTITY_KIND_LABELS[row.kind],
        row.name,
        row.arn ?? '',
        row.accountIds.join(' '),
        row.access.join('; '),
        row.flags.map((x) => ACCESS_FLAG_LABELS[x]).join('; '),
        row.reasons.join(' '),
        reviewersOf(review, row.id)
          .map((id) => names.get(id) ?? `${id} (no longer on the team)`)
          .join('; '),
        d ? DECISION_LABELS[d.decision] : '',
        d?.justification ?? '',
        d ? `${d.by.name} <${d.by.email}>` : '',
        d?.at ?? '',
        f ? (f.status === 'carried_out' ? 'carried out' : 'open') : '',
        f?.firstSeenDone ?? '',
        row.groups.join('; '),
        row.policies.join('; '),
        row.trust ?? '',
        row.explainedBy ?? '',
        row.accessKeys ? String(row.accessKeys.active) : '',
        row.accessKeys?.oldestCreated ?? '',
        row.accessKeys?.oldestLastUsed ?? '',
      ];
    }),
  );
}
