import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const controlsHandlers = (s: Services): DomainHandlers<'controls'> => ({
  states: () => s.controls.states(),
  setOwner: (input) => s.controls.setOwner(input.controlId, input.ownerId),
  setStatus: (input) => s.controls.setStatus(input.controlId, input.status),
  setNotes: (input) => s.controls.setNotes(input.controlId, input.notes),
  addExclusion: (input) => s.controls.addExclusion(input),
  removeExclusion: (input) => s.controls.removeExclusion(input.controlId, input.exclusionId),
});
