import { Badge, Button, Checkbox, Group, Radio, Stack, Table, TagsInput, Text, Title, Card } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { RegionsView } from '../../../shared/ipc/channels/regions';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/ErrorNotice';

const STATUS_LABELS: Record<RegionsView['listed'][number]['status'], string> = {
  enabled_by_default: 'Enabled by default',
  opted_in: 'Opted in',
  not_enabled: 'Not enabled',
};

/**
 * The regions the regional checks read (GuardDuty, EBS default, Config, …), why each is read,
 * and the workspace's choice: every region the account has enabled, or only the chosen ones.
 */
export function RegionsCard() {
  const [view, setView] = useState<RegionsView | null>(null);
  const [mode, setMode] = useState<'all' | 'chosen'>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const load = useCallback(() => {
    void api()
      .regions.view()
      .then((r) => {
        if (!r.ok) return;
        setView(r.value);
        setMode(r.value.chosen ? 'chosen' : 'all');
        setChosen(r.value.chosen ?? r.value.inUse.map((x) => x.region));
      });
  }, []);
  useEffect(load, [load]);
  const save = useAction(api().regions.choose);
  const why = new Map(view?.inUse.map((r) => [r.region, r.why]));
  const counted = new Map(view?.inUse.map((r) => [r.region, r.counted]));
  const rows = view
    ? [
        ...new Set([
          ...view.listed.map((r) => r.region),
          ...(view.chosen ?? []),
          ...view.inUse.map((r) => r.region),
          ...chosen,
        ]),
      ].sort()
    : [];
  const status = new Map(view?.listed.map((r) => [r.region, r.status]));

  return (
    <Card withBorder data-testid="regions-card">
      <Stack gap="sm">
        <Title order={5}>AWS regions the checks read</Title>
        <Text size="xs" c="dimmed">
          Regional checks (GuardDuty, EBS encryption by default, AWS Config, Inspector, flow logs, security groups) read
          every enabled region and say region by region. GuardDuty, EBS encryption by default and AWS Config count the
          regions where the account has resources (buckets, trails, VPCs or security groups besides the defaults, RDS
          databases, customer-managed KMS keys), the home region and any region you choose here; an enabled region with
          nothing found is listed, not counted. A region the account has not enabled is recorded as such, never as a
          failure.
          {view?.accountId ? ` Listed for AWS account ${view.accountId}.` : ''}
        </Text>
        {view?.problem && <ErrorNotice error={view.problem} title="The account's regions could not be listed" />}
        <Radio.Group value={mode} onChange={(v) => setMode(v as 'all' | 'chosen')}>
          <Group>
            <Radio value="all" label="Every region the account has enabled" data-testid="regions-mode-all" />
            <Radio value="chosen" label="Only these regions" data-testid="regions-mode-chosen" />
          </Group>
        </Radio.Group>
        {mode === 'chosen' && (
          <TagsInput
            label="Add a region"
            placeholder="eu-central-1"
            value={chosen}
            onChange={setChosen}
            data-testid="regions-input"
          />
        )}
        <Table fz="sm" data-testid="regions-table">
          <Table.Thead>
            <Table.Tr>
              {mode === 'chosen' && <Table.Th w={40}>Read</Table.Th>}
              <Table.Th>Region</Table.Th>
              <Table.Th>Account</Table.Th>
              <Table.Th>In use, and why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((region) => (
              <Table.Tr key={region} data-testid="region-row" data-region={region}>
                {mode === 'chosen' && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`Read ${region}`}
                      checked={chosen.includes(region)}
                      onChange={(e) =>
                        setChosen(e.currentTarget.checked ? [...chosen, region] : chosen.filter((r) => r !== region))
                      }
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <code>{region}</code>
                </Table.Td>
                <Table.Td>
                  {status.has(region) ? (
                    <Badge variant="light" color={status.get(region) === 'not_enabled' ? 'gray' : 'green'}>
                      {STATUS_LABELS[status.get(region)!]}
                    </Badge>
                  ) : (
                    <Text size="xs" c="dimmed">
                      not listed
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-testid="region-why">
                  <Text size="xs">
                    {counted.has(region) && (
                      <Badge
                        size="xs"
                        mr={6}
                        variant="light"
                        color={counted.get(region) ? 'blue' : 'gray'}
                        data-testid="region-counted"
                      >
                        {counted.get(region) ? 'in use' : 'not in use'}
                      </Badge>
                    )}
                    {why.get(region) ??
                      (view?.chosen?.includes(region) && view.notEnabled.includes(region)
                        ? 'chosen, but not enabled for the account: recorded, never read'
                        : status.get(region) === 'not_enabled'
                          ? 'not opted in (or disabled) for the account: recorded, never read'
                          : 'not chosen: not read')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <ErrorNotice error={save.error} title="Regions not saved" />
        <Group justify="flex-end">
          <Button
            loading={save.busy}
            data-testid="regions-save"
            onClick={() => void save.run({ regions: mode === 'all' ? null : chosen }).then((saved) => saved && load())}
          >
            Save regions
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
