import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const evidenceRequestsHandlers = (s: Services): DomainHandlers<'evidenceRequests'> => ({
  list: (input) => s.evidenceRequests.list(input?.controlId),
  markNotApplicable: (input) => s.evidenceRequests.markNotApplicable(input.requestId, input.reason),
  undoNotApplicable: (input) => s.evidenceRequests.undoNotApplicable(input.requestId),
  link: (input) => s.evidenceRequests.link(input.requestId, input.evidenceId),
  unlink: (input) => s.evidenceRequests.unlink(input.requestId, input.evidenceId),
});
