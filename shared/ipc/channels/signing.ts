import { z } from 'zod';
import { method } from '../define';
import type { AgentKeys, SshPublicKey } from '../../domain/signing';

/** The person's SSH keys, for signing bundles and sign-offs; only public keys ever cross IPC. */
export const signingChannels = {
  /** What ssh-agent holds (ed25519 first), or why it holds nothing usable. */
  agentKeys: method(z.undefined()).returns<AgentKeys>(),
  /** Open dialog for a private key file, checked by ssh-keygen; null when the person cancels. */
  pickKeyFile: method(z.undefined()).returns<{ path: string; key: SshPublicKey } | null>(),
};
