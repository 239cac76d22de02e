import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const regionsHandlers = (s: Services): DomainHandlers<'regions'> => ({
  view: () => s.regions.view(),
  choose: (input) => s.regions.choose(input.regions),
});
