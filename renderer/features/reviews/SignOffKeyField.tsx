import type { SigningKeyChoice } from '../../../shared/domain/signing';
import { SshKeyField } from '../../components/SshKeyField';

/** The key a review is signed off with, the same choice the Export screen offers for bundles. */
export function SignOffKeyField({ onChange }: { onChange(choice: SigningKeyChoice | null): void }) {
  return (
    <SshKeyField
      label="Sign with your SSH key"
      description="The auditor can check the signature with ssh-keygen. Without a key, the sign-off is recorded as yours but not signed. The key never leaves your agent; no passphrase is asked for or kept."
      noneLabel="No key"
      idPrefix="signoff-sign"
      onChange={onChange}
    />
  );
}
