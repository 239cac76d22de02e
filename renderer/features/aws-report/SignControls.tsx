import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Person } from '../../../shared/domain/common';
import type { SigningKeyChoice } from '../../../shared/domain/signing';
import { SignOffKeyField } from '../reviews/SignOffKeyField';

/**
 * Save the draft, and sign it once nothing is missing and everything is saved. Nothing can be
 * saved or signed while another action runs, nor before the workbench knows who you are (the
 * signature and the activity log record it).
 */
export function SignControls({
  dirty,
  blocking,
  me,
  busy,
  onSave,
  onSign,
}: {
  dirty: boolean;
  blocking: number;
  me: Person | null;
  busy: string | null;
  onSave(): void;
  onSign(key: SigningKeyChoice | null): void;
}) {
  const [key, setKey] = useState<SigningKeyChoice | null>(null);
  const other = (action: string) => busy !== null && busy !== action;
  const why = !me
    ? 'You cannot save or sign yet: say who you are under Team first. The signature records your name and email.'
    : dirty
      ? 'Save your changes first: the signature covers what is saved.'
      : blocking > 0
        ? `Complete the ${blocking} thing${blocking === 1 ? '' : 's'} listed below first.`
        : `You sign as ${me.name} (${me.email}).`;
  return (
    <Card withBorder data-testid="review-sign-controls">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="sm" c={dirty ? 'orange' : 'dimmed'} data-testid="review-save-state">
            {dirty ? 'Unsaved changes' : 'All changes saved'}
          </Text>
          <Button
            size="xs"
            variant="light"
            disabled={!dirty || !me || other('save')}
            loading={busy === 'save'}
            onClick={onSave}
            data-testid="review-save"
          >
            Save draft
          </Button>
        </Group>
        <SignOffKeyField onChange={setKey} />
        <Button
          color="green"
          disabled={dirty || blocking > 0 || !me || other('sign')}
          loading={busy === 'sign'}
          onClick={() => onSign(key)}
          data-testid="review-sign"
        >
          {key ? 'Sign the review with my SSH key' : 'Sign off without a key'}
        </Button>
        <Text size="xs" c={me ? 'dimmed' : 'red'} fw={me ? undefined : 600} data-testid="review-sign-hint">
          {why}
        </Text>
      </Stack>
    </Card>
  );
}
