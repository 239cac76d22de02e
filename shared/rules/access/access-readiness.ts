import type { AccessReviewView } from '../../ipc/channels/access-review';
import type { AccessReviewStanding } from '../readiness';

/** What readiness takes from the access reviews as main reports them. */
export const accessReviewReadiness = (view: AccessReviewView): AccessReviewStanding => ({
  state: view.standing?.state ?? null,
  decided: view.progress?.decided ?? 0,
  rows: view.progress?.rows ?? 0,
  lastSigned: view.lastSigned,
  nextDue: view.nextDue,
});
