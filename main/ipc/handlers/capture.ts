import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const captureHandlers = (s: Services): DomainHandlers<'capture'> => ({
  requests: (input) => s.capture.requests(input.controlId),
  openAws: (input) => s.capture.openAws(input.requestId),
  openWeb: (input) => s.capture.openWeb(input.requestId, input.url),
  windows: () => s.capture.list(),
  capture: (input) => s.capture.capture(input.windowId),
  close: async (input) => {
    await s.capture.close(input.windowId);
    return null;
  },
});
