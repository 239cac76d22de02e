import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const accessReviewHandlers = (s: Services): DomainHandlers<'accessReview'> => ({
  get: () => s.accessReview.get(),
  start: (input) => s.accessReview.start(input),
  assign: (input) => s.accessReview.assign(input.rowIds, input.memberIds),
  decide: (input) => s.accessReview.decide(input.rowId, input.decision, input.justification),
  sign: (input) => s.accessReview.sign(input.key),
  reopen: (input) => s.accessReview.reopen(input.reason),
  closeLoop: (input) => s.accessReview.closeLoop(input),
  setCadence: (input) => s.accessReview.setCadence(input.days),
});
