import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { CHECK_IDS } from '../../../shared/catalog';
import type { AwsSettings } from '../../../shared/domain/workspace';
import { api } from '../../api/client';
import { useRoute } from '../../app/route';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LatestResults } from './LatestResults';
import { RunProgress } from './RunProgress';
import { RunProgressAccounts } from './RunProgressAccounts';
import { RunResults } from './RunResults';
import { useCheckRun } from './use-check-run';

const ALL = [...CHECK_IDS];

/** "Run checks": every automated check against the workspace's AWS profile, with a bar per check and the results. */
export function ChecksScreen() {
  const { navigate } = useRoute();
  const [aws, setAws] = useState<AwsSettings | null>(null);
  const checks = useCheckRun();

  useEffect(() => {
    void api()
      .aws.workspaceSettings()
      .then((r) => r.ok && setAws(r.value));
  }, []);

  return (
    <Stack data-testid="checks-screen">
      <Title order={3}>Automated checks</Title>
      <Text size="sm" c="dimmed">
        Reads IAM through the API with the workspace&apos;s AWS profile, stores every answer as evidence with its
        request ids, and links the findings to the controls they prove.
      </Text>
      <Card withBorder>
        <Group justify="space-between">
          <Text size="sm">
            {aws?.profile ? (
              <>
                Profile <b>{aws.profile}</b>
                {aws.region ? ` · ${aws.region}` : ''}
              </>
            ) : (
              'No AWS profile chosen for this workspace yet.'
            )}
          </Text>
          <Group>
            {checks.busy && (
              <Button variant="default" onClick={checks.cancel} data-testid="checks-cancel">
                Cancel
              </Button>
            )}
            <Button
              onClick={() => void checks.start({})}
              loading={checks.busy}
              disabled={!aws?.profile}
              data-testid="checks-run-all"
            >
              Run checks
            </Button>
          </Group>
        </Group>
        {!aws?.profile && (
          <Alert mt="sm" color="blue">
            Choose a profile and test the connection on the{' '}
            <Text span c="blue" style={{ cursor: 'pointer' }} onClick={() => navigate({ screen: 'aws' })}>
              AWS screen
            </Text>{' '}
            first.
          </Alert>
        )}
        <ErrorNotice error={checks.error} title="The checks could not run" />
      </Card>
      {(checks.busy || Object.keys(checks.progress).length > 0) && !checks.run && (
        <Card withBorder>
          <Stack gap="sm">
            <RunProgressAccounts accounts={checks.accounts} />
            <RunProgress checkIds={ALL} progress={checks.progress} />
          </Stack>
        </Card>
      )}
      {checks.run && <RunResults run={checks.run} />}
      {!checks.busy && !checks.run && (
        <Card withBorder>
          <Title order={5} mb="xs">
            Latest results
          </Title>
          <LatestResults />
        </Card>
      )}
    </Stack>
  );
}
