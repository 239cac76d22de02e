import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const exportHandlers = (s: Services): DomainHandlers<'export'> => ({
  preflight: (input) => s.exports.preflight(input),
  suggestPath: (input) => s.exports.suggestPath(input),
  pickOutput: (input) => s.exports.pick('save-bundle', input.defaultPath),
  pickBundle: () => s.exports.pick('open-bundle'),
  run: ({ outPath, sign, ...options }) => s.exports.run({ ...options, outPath }, sign),
  cancel: () => s.exports.cancel(),
  verify: (input) => s.exports.verify(input.path, input.seal),
  cancelVerify: () => s.exports.cancelVerify(),
});
