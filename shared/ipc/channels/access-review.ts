import { z } from 'zod';
import { method } from '../define';
import { DECISIONS, type AccessReview } from '../../domain/access-review';
import type { GoneReviewer, ReviewProgress, RowProblem } from '../../rules/access/review-rules';
import type { ReviewStanding } from '../../rules/reviews/review-standing';
import { AwsRegion } from '../../domain/aws';
import { SigningKeyChoice } from '../../domain/signing';

export interface AccessReviewView {
  /** The newest review (in progress or signed); null before the first. */
  review: AccessReview | null;
  /** Where it stands (the review kernel's answer). */
  standing: ReviewStanding | null;
  progress: ReviewProgress | null;
  /** What stands before sign-off. */
  problems: RowProblem[];
  /** Reviewers removed from the team while assigned rows of the newest review, with the rows only they reviewed. */
  goneReviewers: GoneReviewer[];
  /** Every review, oldest first; `signOff` words where its sign-off stands (the kernel's words). */
  history: { id: string; startedAt: string; signOff: string; rows: number }[];
  lastSigned: string | null;
  /** YYYY-MM-DD; null until a review was signed. */
  nextDue: string | null;
  cadenceDays: number;
}

const RowId = z.string().min(1).max(400);
const Collect = z.object({ profile: z.string().min(1).max(200).optional(), region: AwsRegion.optional() }).strict();

export const accessReviewChannels = {
  get: method(z.undefined()).returns<AccessReviewView>(),
  /** Collects the population from the account and starts a review. */
  start: method(Collect).returns<AccessReviewView>(),
  assign: method(
    z.object({
      rowIds: z.array(RowId).min(1).max(10_000),
      memberIds: z.array(z.string().min(1).max(100)).min(1).max(10),
    }),
  ).returns<AccessReviewView>(),
  decide: method(
    z.object({ rowId: RowId, decision: z.enum(DECISIONS), justification: z.string().max(2000) }),
  ).returns<AccessReviewView>(),
  /** Signs off; with `key`, signed with the person's SSH key (only public keys and key file paths cross). */
  sign: method(z.object({ key: SigningKeyChoice.optional() }).strict()).returns<AccessReviewView>(),
  reopen: method(z.object({ reason: z.string().max(1000) })).returns<AccessReviewView>(),
  /** Collects again and shows, per remove or change of the last signed review, whether it was carried out. */
  closeLoop: method(Collect).returns<AccessReviewView>(),
  setCadence: method(z.object({ days: z.number().int().min(7).max(366) })).returns<AccessReviewView>(),
};
