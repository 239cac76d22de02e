import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { GetDetectorCommand, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { BatchGetAccountStatusCommand } from '@aws-sdk/client-inspector2';
import type { GuardDutyRegion } from '../../../../shared/rules/guardduty';
import type { RawPage } from '../call-recorder';
import { tokenPages } from './pages';
import { jsonFile, type RegionalFetcher } from './types';

/** ListDetectors, then GetDetector for each (a region has at most one detector per account). */
export const guardDutyDetectors: RegionalFetcher<'guardDutyDetectors'> = async ({
  clients,
  region,
  signal,
  recorder,
}) => {
  const client = clients.guardduty(region);
  const list = await tokenPages(
    'guardduty:ListDetectors',
    (token) => {
      const input = { ...(token ? { NextToken: token } : {}) };
      return recorder.call(
        'ListDetectors',
        () => client.send(new ListDetectorsCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.NextToken,
  );
  const pages: RawPage[] = list.map((p) => p.page);
  const ids = list.flatMap((p) => p.output.DetectorIds ?? []);
  const detectors: GuardDutyRegion['detectors'] = await Promise.all(
    ids.map(async (detectorId) => {
      const r = await recorder.call(
        'GetDetector',
        () => client.send(new GetDetectorCommand({ DetectorId: detectorId }), { abortSignal: signal }),
        { DetectorId: detectorId },
      );
      pages.push(r.page);
      return {
        detectorId,
        ...(r.output.Status ? { Status: r.output.Status } : {}),
        ...(r.output.FindingPublishingFrequency
          ? { FindingPublishingFrequency: r.output.FindingPublishingFrequency }
          : {}),
        Features: (r.output.Features ?? []).map((f) => ({ Name: f.Name, Status: f.Status })),
      };
    }),
  );
  return {
    value: { detectors },
    files: [jsonFile('guardduty-detectors.json', 'GuardDuty ListDetectors and GetDetector', { pages })],
    calls: recorder.calls,
  };
};

export const configRecorders: RegionalFetcher<'configRecorders'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.configService(region);
  const recorders = await recorder.call('DescribeConfigurationRecorders', () =>
    client.send(new DescribeConfigurationRecordersCommand({}), { abortSignal: signal }),
  );
  const statuses = await recorder.call('DescribeConfigurationRecorderStatus', () =>
    client.send(new DescribeConfigurationRecorderStatusCommand({}), { abortSignal: signal }),
  );
  return {
    value: {
      recorders: (recorders.output.ConfigurationRecorders ?? []).map((r) => ({
        name: r.name ?? '',
        allSupported: r.recordingGroup?.allSupported ?? false,
        includeGlobalResourceTypes: r.recordingGroup?.includeGlobalResourceTypes ?? false,
        ...(r.recordingGroup?.exclusionByResourceTypes?.resourceTypes?.length
          ? { exclusions: r.recordingGroup.exclusionByResourceTypes.resourceTypes }
          : {}),
      })),
      statuses: (statuses.output.ConfigurationRecordersStatus ?? []).map((s) => ({
        name: s.name ?? '',
        recording: s.recording ?? false,
        ...(s.lastStatus ? { lastStatus: s.lastStatus } : {}),
        ...(s.lastErrorMessage ? { lastErrorMessage: s.lastErrorMessage } : {}),
      })),
    },
    files: [
      jsonFile(
        'config-recorders.json',
        'AWS Config DescribeConfigurationRecorders and DescribeConfigurationRecorderStatus',
        {
          pages: [recorders.page, statuses.page],
        },
      ),
    ],
    calls: recorder.calls,
  };
};

export const inspectorStatus: RegionalFetcher<'inspectorStatus'> = async ({
  clients,
  region,
  signal,
  recorder,
  accountId,
}) => {
  const input = { accountIds: [accountId] };
  const r = await recorder.call(
    'BatchGetAccountStatus',
    () => clients.inspector2(region).send(new BatchGetAccountStatusCommand(input), { abortSignal: signal }),
    input,
  );
  const mine = r.output.accounts?.find((a) => a.accountId === accountId) ?? r.output.accounts?.[0];
  const resources = Object.fromEntries(
    Object.entries(mine?.resourceState ?? {}).map(([k, v]) => [k, (v as { status?: string } | undefined)?.status]),
  );
  return {
    value: { ...(mine?.state?.status ? { status: mine.state.status } : {}), resources },
    files: [
      jsonFile('inspector2-BatchGetAccountStatus.json', 'Amazon Inspector BatchGetAccountStatus', { pages: [r.page] }),
    ],
    calls: recorder.calls,
  };
};
