import { Button, Card, Group, NumberInput, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { DEFAULT_CADENCE_DAYS } from '../../../shared/domain/access-review';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Settings: how often an access review is due (quarterly by default); the dashboard counts from the last sign-off. */
export function AccessReviewCadenceCard() {
  const { version } = useWorkspace();
  const [saved, setSaved] = useState<number | null>(null);
  const [days, setDays] = useState<number>(DEFAULT_CADENCE_DAYS);
  const save = useAction(api().accessReview.setCadence);
  useEffect(() => {
    void api()
      .accessReview.get()
      .then((r) => {
        if (!r.ok) return;
        setSaved(r.value.cadenceDays);
        setDays(r.value.cadenceDays);
      });
  }, [version]);
  const valid = Number.isInteger(days) && days >= 7 && days <= 366;
  return (
    <Card withBorder data-testid="settings-access-cadence">
      <Title order={5}>Access reviews</Title>
      <Text size="xs" c="dimmed" mb="xs">
        How often the access to AWS is reviewed. Quarterly (91 days) is what auditors usually expect for CC6.2 and
        CC6.3; the next review is due this many days after the last sign-off.
      </Text>
      <Group align="end">
        <NumberInput
          label="A review is due every (days)"
          value={days}
          min={7}
          max={366}
          allowDecimal={false}
          onChange={(v) => setDays(Number(v))}
          error={valid ? undefined : 'From 7 to 366 days.'}
          data-testid="settings-access-cadence-days"
        />
        <Button
          variant="light"
          disabled={!valid || days === saved}
          loading={save.busy}
          onClick={() =>
            void save.run({ days }).then((v) => {
              if (v) setSaved(v.cadenceDays);
            })
          }
          data-testid="settings-access-cadence-save"
        >
          Save
        </Button>
      </Group>
      <ErrorNotice error={save.error} title="Not saved" />
    </Card>
  );
}
