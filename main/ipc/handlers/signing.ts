import type { Services } from '../../services/create-services';
import type { DomainHandlers } from '../router';

export const signingHandlers = (s: Services): DomainHandlers<'signing'> => ({
  agentKeys: () => s.signing.agentKeys(),
  pickKeyFile: async () => {
    const path = await s.adapters.pickSigningKey?.();
    if (!path) return null;
    return { path, key: await s.signing.resolveKey({ source: 'file', path }) };
  },
});
