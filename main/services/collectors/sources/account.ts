import { ListRegionsCommand } from '@aws-sdk/client-account';
import type { AccountRegion } from '../../../../shared/rules/account';
import { tokenPages } from './pages';
import { jsonFile, type Fetcher } from './types';

/** Account ListRegions: every region with its opt-in status (the run's regions in use start here). */
export const regions: Fetcher<'regions'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.account(region);
  const pages = await tokenPages(
    'account:ListRegions',
    (token) => {
      const input = { MaxResults: 50, ...(token ? { NextToken: token } : {}) };
      return recorder.call(
        'ListRegions',
        () => client.send(new ListRegionsCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.NextToken,
  );
  const value = pages.flatMap((p) =>
    (p.output.Regions ?? []).flatMap((r): AccountRegion[] =>
      r.RegionName && r.RegionOptStatus
        ? [{ RegionName: r.RegionName, RegionOptStatus: r.RegionOptStatus as AccountRegion['RegionOptStatus'] }]
        : [],
    ),
  );
  return {
    value,
    files: [jsonFile('account-ListRegions.json', 'Account ListRegions', { pages: pages.map((p) => p.page) })],
    calls: recorder.calls,
  };
};
