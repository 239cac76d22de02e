import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const appHandlers = (s: Services): DomainHandlers<'app'> => ({
  about: () => s.about.about(),
  exportDiagnostics: () => s.diagnostics.export(),
});
