import type { ApiCall } from '../../../shared/domain/evidence';
import { mapAwsError } from '../aws/errors';
import type { RunClients } from '../aws/run-clients';
import { CallRecorder, type RawPage } from '../collectors/call-recorder';
import type { Limit } from '../map-limit';
import { findInstance, readIdentityCenter } from './identity-center-source';

/**
 * Finds IAM Identity Center once for an access review: an instance answers only in its own
 * region and to the account that holds it (the management account, or a delegated
 * administrator), so each reached account is asked in the profile's region, then where the
 * profile signs in (sso_region), the profile's own account first. The first instance found is
 * read; a denial is said only when no account could read it.
 */

export interface LocatedIdentityCenter {
  read: Awaited<ReturnType<typeof readIdentityCenter>>;
  accountId: string;
}

export async function locateIdentityCenter(o: {
  accounts: readonly { accountId: string; clients: RunClients }[];
  /** The profile's region first, then its sso_region. */
  regions: readonly string[];
  profile: string;
  /** Assignments are listed for these accounts only (all the instance knows when undefined). */
  accountIds?: readonly string[];
  signal: AbortSignal;
  now: () => Date;
  limit: Limit;
  calls: ApiCall[];
  pages: RawPage[];
  notes: string[];
}): Promise<LocatedIdentityCenter | undefined> {
  const [home] = o.regions;
  const many = o.accounts.length > 1;
  const denied: string[] = [];
  for (const account of o.accounts) {
    for (const r of o.regions) {
      const admin = account.clients.ssoAdmin(r);
      const store = account.clients.identitystore(r);
      const recorder = {
        admin: new CallRecorder('sso', r, o.now, o.limit),
        store: new CallRecorder('identitystore', r, o.now, o.limit),
      };
      try {
        const instance = await findInstance(admin, recorder.admin, o.signal, o.pages);
        if (!instance) continue;
        const read = await readIdentityCenter({
          admin,
          store,
          region: r,
          instance,
          recorder,
          signal: o.signal,
          pages: o.pages,
          ...(o.accountIds ? { accountIds: o.accountIds } : {}),
        });
        if (r !== home)
          o.notes.push(
            `IAM Identity Center lives in ${r}, not in the profile's region ${home}: it was read from ${r}.`,
          );
        if (account.accountId !== o.accounts[0]!.accountId)
          o.notes.push(
            `IAM Identity Center was read from account ${account.accountId}, which holds it (the management account or its delegated administrator).`,
          );
        return { read, accountId: account.accountId };
      } catch (e) {
        const mapped = mapAwsError(e, { profile: o.profile, action: 'sso:ListInstances' });
        if (mapped.code !== 'ACCESS_DENIED') throw mapped;
        denied.push(`${r}${many ? ` from account ${account.accountId}` : ''} (${mapped.message})`);
        break;
      } finally {
        o.calls.push(...recorder.admin.calls, ...recorder.store.calls);
      }
    }
  }
  if (denied.length > 0)
    o.notes.push(
      `No permission to read IAM Identity Center in ${denied.join('; ')}: the population holds IAM only. Grant sso:ListInstances, sso:ListPermissionSets, sso:DescribePermissionSet, sso:ListAccountAssignments… and identitystore:ListUsers, ListGroups, ListGroupMemberships to include it.`,
    );
  else
    o.notes.push(
      `No IAM Identity Center instance was found in ${o.regions.join(' or ')}${many ? ` from accounts ${o.accounts.map((a) => a.accountId).join(', ')}` : ''}: the population holds IAM only.`,
    );
  return undefined;
}
