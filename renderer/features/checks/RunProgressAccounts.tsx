import { Group, Progress, Stack, Text } from '@mantine/core';
import type { AccountRunProgress } from '../../../shared/domain/findings';
import { accountProgressLine } from '../../../shared/rules/run-progress';

/** One line per account while a run is going: its regions read and checks done, with a bar. */
export function RunProgressAccounts({ accounts }: { accounts: AccountRunProgress[] }) {
  if (accounts.length === 0) return null;
  return (
    <Stack gap={4} data-testid="account-progress" aria-live="polite">
      {accounts.map((p) => {
        const steps = (p.regionsTotal ?? 0) + p.checksTotal;
        const done = (p.regionsRead ?? 0) + p.checksDone;
        const line = accountProgressLine(p);
        return (
          <Group
            key={p.account.id}
            gap="sm"
            wrap="nowrap"
            data-testid="account-progress-row"
            data-account-id={p.account.id}
          >
            <Text size="sm" style={{ flex: 1 }}>
              {line}
            </Text>
            <Progress
              value={Math.round((100 * done) / Math.max(1, steps))}
              w={160}
              aria-label={`Account ${p.account.id} progress`}
            />
          </Group>
        );
      })}
    </Stack>
  );
}
