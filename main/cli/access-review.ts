import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ACCESS_FLAG_LABELS, IDENTITY_KIND_LABELS } from '../../shared/domain/access-review';
import type { ServiceOptions } from '../services/create-services';
import { openForAws } from './collect';
import { TAKE_OVER_OPTION, headlessServices, personFrom } from './headless';
import { type CliIo, UsageError, regionOption, reportError, table } from './output';

/**
 * `access-review population --profile NAME --workspace DIR [--region R] [--json] [--as NAME] [--take-over]`:
 * reads the access review population (IAM, and IAM Identity Center when reachable) with its
 * flags, and stores it as evidence in the workspace, as `collect` stores its answers.
 */
export async function accessReviewCommand(args: string[], io: CliIo, options: Partial<ServiceOptions> = {}) {
  const [sub, ...rest] = args;
  if (sub !== 'population') throw new UsageError(`Unknown access-review command "${sub ?? ''}": use "population".`);
  const { values } = parseArgs({
    args: rest,
    options: {
      profile: { type: 'string' },
      workspace: { type: 'string' },
      region: { type: 'string' },
      json: { type: 'boolean', default: false },
      as: { type: 'string' },
      ...TAKE_OVER_OPTION,
    },
  });
  const profile = values.profile ?? process.env.AWS_PROFILE;
  if (!profile) throw new UsageError('access-review population needs --profile NAME (or AWS_PROFILE).');
  if (!values.workspace) throw new UsageError('access-review population needs --workspace DIR.');
  const region = regionOption(values.region);
  const person = personFrom(values.as);
  const folder = resolve(values.workspace);
  const json = !!values.json;
  const services = headlessServices(options);
  try {
    await openForAws(services, { folder, person, profile, region, json, io, takeOver: values['take-over'] });
    if (!json) io.err(`Reading the access review population with profile "${profile}"…`);
    const p = await services.accessReview.population({ profile, ...(region ? { region } : {}) });
    if (json) {
      io.out(
        JSON.stringify(
          {
            account: { id: p.aws.accountId, ...(p.aws.accountAlias ? { alias: p.aws.accountAlias } : {}) },
            principal: p.aws.principalArn,
            region: p.aws.region,
            collectedAt: p.collectedAt,
            workspace: folder,
            evidence: { id: p.evidence.id, sha256: p.evidence.sha256 },
            notes: p.notes,
            // Every account in scope: read, or why not (the others went on).
            accounts: p.accounts,
            identities: p.rows.map((r) => ({
              kind: r.kind,
              id: r.id,
              name: r.name,
              ...(r.arn ? { arn: r.arn } : {}),
              accounts: r.accountIds,
              permissionSets: r.access,
              flags: r.flags,
              reasons: r.reasons,
            })),
          },
          null,
          2,
        ),
      );
    } else {
      io.out(
        table([
          ['KIND', 'NAME', 'ACCOUNTS', 'FLAGS'],
          ...p.rows.map((r) => [
            IDENTITY_KIND_LABELS[r.kind] + (r.serviceLinked ? ' (service-linked)' : ''),
            r.name,
            r.accountIds.join(' '),
            r.flags.map((f) => ACCESS_FLAG_LABELS[f]).join(', '),
          ]),
        ]),
      );
      io.out(
        `\n${p.rows.length} identities, ${p.rows.filter((r) => r.flags.length).length} flagged; stored as evidence ${p.evidence.id} in ${folder}`,
      );
      for (const n of p.notes) io.err(`Note: ${n}`);
    }
    return 0;
  } catch (e) {
    return reportError(e, io, json);
  } finally {
    await services.workspaces.close();
  }
}
