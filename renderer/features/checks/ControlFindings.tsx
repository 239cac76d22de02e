import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { controlById } from '../../../shared/catalog';
import {
  CHECK_RESULT_LABELS,
  type ControlFindings as ControlFindingsData,
  type LatestFinding,
} from '../../../shared/domain/findings';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FindingBody } from './FindingView';
import { ResultBadge, utc } from './labels';
import { RunProgress } from './RunProgress';
import { RunProgressAccounts } from './RunProgressAccounts';
import { useCheckRun } from './use-check-run';

/**
 * A control's automated checks: the latest finding of each per account in scope, who collected it
 * and when, those from accounts outside the scope apart, and "Run checks".
 */
export function ControlFindings({ controlId }: { controlId: string }) {
  const [data, setData] = useState<ControlFindingsData | null>(null);
  const load = useCallback(() => {
    void api()
      .checks.forControl({ controlId })
      .then((r) => r.ok && setData(r.value));
  }, [controlId]);
  const checks = useCheckRun(load);
  useEffect(load, [load]);

  const checkIds = controlById(controlId)?.evidence.flatMap((e) => (e.type === 'check' ? [e.checkId] : [])) ?? [];
  if (checkIds.length === 0) return null;
  return (
    <Card withBorder data-testid="control-findings">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Automated checks</Title>
        <Group>
          {checks.busy && (
            <Button size="xs" variant="default" onClick={checks.cancel}>
              Cancel
            </Button>
          )}
          <Button
            size="xs"
            variant="light"
            loading={checks.busy}
            onClick={() => void checks.start({ controlId })}
            data-testid="control-run-checks"
          >
            Run checks
          </Button>
        </Group>
      </Group>
      <ErrorNotice error={checks.error} title="The checks could not run" />
      {checks.busy && <RunProgressAccounts accounts={checks.accounts} />}
      {checks.busy && <RunProgress checkIds={checkIds} progress={checks.progress} />}
      <Stack gap="md">
        {data?.checks.map(({ checkId, title, latest, outOfScope }) => {
          const missing = data.accountsInScope.filter((id) => !latest.some((l) => l.account?.id === id));
          return (
            <Stack key={checkId} gap={4} data-testid="control-finding" data-check-id={checkId}>
              <Text size="sm" fw={600}>
                {title}
              </Text>
              {latest.length === 0 && missing.length === 0 && (
                <Text size="xs" c="dimmed">
                  Not run yet
                </Text>
              )}
              {latest.map((l) => (
                <AccountFinding key={l.account?.id ?? l.collectedAt} latest={l} />
              ))}
              {missing.map((id) => (
                <Text key={id} size="xs" c="dimmed" data-testid="control-finding-account" data-account-id={id}>
                  AWS account {id}: not run yet
                </Text>
              ))}
              {outOfScope.length > 0 && (
                <Stack gap={2} data-testid="out-of-scope-findings">
                  <Text size="xs" fw={500}>
                    From AWS accounts outside the scope (not this control&apos;s result)
                  </Text>
                  {outOfScope.map((l) => (
                    <Text
                      key={l.account?.id ?? l.collectedAt}
                      size="xs"
                      c="dimmed"
                      data-testid="out-of-scope-finding"
                      data-account-id={l.account?.id}
                    >
                      AWS account {l.account?.id ?? 'unknown'}:{' '}
                      {l.finding ? CHECK_RESULT_LABELS[l.finding.result] : `evidence ${l.integrity}`}, collected{' '}
                      {utc(l.collectedAt)}
                    </Text>
                  ))}
                </Stack>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}

/** One account's latest finding of a check: its result, where and when it was collected, and the entities. */
function AccountFinding({ latest }: { latest: LatestFinding }) {
  return (
    <Stack gap={4} pl="xs" data-testid="control-finding-account" data-account-id={latest.account?.id}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="xs" c="dimmed" data-testid="finding-provenance">
          Collected {utc(latest.collectedAt)} by {latest.collectedBy.name}
          {latest.account
            ? ` · AWS account ${latest.account.id}${latest.account.alias ? ` (${latest.account.alias})` : ''} as ${latest.account.principalArn}`
            : ''}
          {latest.finding?.regions?.length
            ? ` · ${latest.finding.regions.length} region${latest.finding.regions.length === 1 ? '' : 's'} read`
            : ''}
        </Text>
        {latest.finding && (
          <div style={{ flexShrink: 0 }}>
            <ResultBadge result={latest.finding.result} />
          </div>
        )}
      </Group>
      {latest.integrity !== 'ok' ? (
        <ErrorNotice
          error={{
            code:
              latest.integrity === 'missing'
                ? 'EVIDENCE_MISSING'
                : latest.integrity === 'unreadable'
                  ? 'EVIDENCE_UNREADABLE'
                  : 'EVIDENCE_TAMPERED',
            message: `The stored findings file is ${latest.integrity === 'missing' ? 'missing' : latest.integrity === 'unreadable' ? 'not readable, so it was not checked' : 'changed since it was collected'}.`,
            hint: 'Run the checks again to collect fresh evidence.',
          }}
          title="Evidence problem"
        />
      ) : (
        latest.finding && (
          <FindingBody
            summary={latest.finding.summary}
            entities={latest.finding.entities}
            notes={latest.finding.notes}
            error={latest.finding.error}
          />
        )
      )}
    </Stack>
  );
}
