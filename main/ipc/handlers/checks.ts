import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const checksHandlers = (s: Services): DomainHandlers<'checks'> => ({
  run: (input) => s.checks.run(input),
  cancel: () => s.checks.cancel(),
  running: () => s.checks.isRunning(),
  forControl: (input) => s.checks.latestForControl(input.controlId),
  latest: () => s.checks.latest(),
});
