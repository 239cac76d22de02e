import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const evidenceHandlers = (s: Services): DomainHandlers<'evidence'> => ({
  list: (input) => s.evidence.list(input ?? {}),
  provenance: (input) => s.evidence.provenance(input.id),
  withdraw: (input) => s.evidence.withdraw(input.id, input.reason),
  retire: (input) => s.evidence.retire(input.id, input.reason),
  content: (input) => s.evidence.content(input.id),
  pickFiles: () => s.imports.pickFiles(),
  importPicked: async ({ token, ...details }) => s.evidence.item((await s.imports.importPicked(token, details)).id),
  importBytes: async ({ name, dataBase64, via, ...details }) =>
    s.evidence.item((await s.imports.importBytes(name, Buffer.from(dataBase64, 'base64'), details, via)).id),
  cancelImport: () => s.imports.cancel(),
});
