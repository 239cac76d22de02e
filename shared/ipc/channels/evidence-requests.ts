import { z } from 'zod';
import { method } from '../define';
import type { CatalogRequest, RequestStanding, StandingCounts } from '../../rules/evidence-requests';

/** One request of the catalog as the control page shows it: where it stands and what a person linked. */
export interface EvidenceRequestView extends CatalogRequest {
  standing: RequestStanding;
  /** Evidence a person linked (captures name their request themselves). */
  linkedEvidenceIds: string[];
}

export interface EvidenceRequestsView {
  requests: EvidenceRequestView[];
  /** Over the requests listed (one control's, or every control in the workspace's categories). */
  counts: StandingCounts;
  /** Controls with at least one missing request, most missing first. */
  missingByControl: { controlId: string; title: string; missing: number }[];
}

const RequestId = z
  .string()
  .regex(/^(shot|doc)\.[a-z0-9][a-z0-9.-]{0,99}$/, 'Not a screenshot or document request of the catalog');
const EvidenceId = z.string().regex(/^ev_[a-z0-9]{6,40}$/, 'Not an evidence id');

export const evidenceRequestsChannels = {
  /** The catalog's screenshot and document requests with their standing: one control's, or all in scope. */
  list: method(z.object({ controlId: z.string().max(80).optional() }).optional()).returns<EvidenceRequestsView>(),
  /** A person's written decision that a request does not apply; logged. */
  markNotApplicable: method(
    z.object({
      requestId: RequestId,
      reason: z.string().trim().min(3, 'Say why the request does not apply').max(1000),
    }),
  ).returns<EvidenceRequestView>(),
  /** Takes the not-applicable mark back; logged. */
  undoNotApplicable: method(z.object({ requestId: RequestId })).returns<EvidenceRequestView>(),
  /** Links evidence (an import, say) as provided for a request; logged. */
  link: method(z.object({ requestId: RequestId, evidenceId: EvidenceId })).returns<EvidenceRequestView>(),
  unlink: method(z.object({ requestId: RequestId, evidenceId: EvidenceId })).returns<EvidenceRequestView>(),
};
