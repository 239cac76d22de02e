import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const requestsHandlers = (s: Services): DomainHandlers<'requests'> => ({
  list: () => s.requests.list(),
  pick: () => s.requests.pick(),
  preview: (input) => s.requests.preview(input),
  apply: (input) => s.requests.apply(input),
  answer: (input) => s.requests.answer(input),
  link: (input) => s.requests.link(input),
  suggestions: (input) => s.requests.suggestions(input.id),
});
