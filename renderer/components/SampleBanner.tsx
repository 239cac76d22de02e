import { Alert } from '@mantine/core';
import { SAMPLE_MARK } from '../../shared/domain/workspace';

/** On every screen of a sample company's workspace: what is shown comes from the sandbox, not from AWS. */
export function SampleBanner() {
  return (
    <Alert color="orange" variant="filled" mb="md" title={SAMPLE_MARK} data-testid="sample-banner">
      This is the sample company: its accounts, people and findings come from a sandbox on this computer, not from AWS.
      To prepare your own audit, close this workspace and create one for your company.
    </Alert>
  );
}
