import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHECK_RESULT_LABELS, type CheckRun } from '../../shared/domain/findings';
import type { Person } from '../../shared/domain/common';
import type { ServiceOptions } from '../services/create-services';
import { TAKE_OVER_OPTION, headlessServices, openOrCreateWorkspace, personFrom } from './headless';
import { type CliIo, UsageError, regionOption, reportError, table } from './output';

/**
 * `collect --profile NAME --workspace DIR [--region R] [--only id,id] [--json] [--as NAME] [--take-over]`:
 * runs the checks into a workspace (created with defaults when DIR holds none). Exit 0 when
 * the run completed, whatever the findings; 1 when it could not run; 3 when it stopped early.
 */
export async function collectCommand(
  args: string[],
  io: CliIo,
  options: Partial<ServiceOptions> = {},
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      profile: { type: 'string' },
      workspace: { type: 'string' },
      region: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'boolean', default: false },
      as: { type: 'string' },
      ...TAKE_OVER_OPTION,
    },
  });
  const profile = values.profile ?? process.env.AWS_PROFILE;
  if (!profile) throw new UsageError('collect needs --profile NAME (or AWS_PROFILE).');
  if (!values.workspace)
    throw new UsageError('collect needs --workspace DIR (a workspace folder, or an empty one to create).');
  const region = regionOption(values.region);
  const person = personFrom(values.as);
  const checkIds = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const folder = resolve(values.workspace);
  const json = !!values.json;

  const services = headlessServices(options, {
    emit: (event, payload) => {
      if (!json && event === 'checks.progress' && 'result' in payload && payload.result)
        io.err(`  ${payload.checkId}: ${CHECK_RESULT_LABELS[payload.result]}`);
    },
  });
  const cancel = () => services.checks.cancel();
  process.once('SIGINT', cancel);
  try {
    services.checks.selectChecks({ ...(checkIds ? { checkIds } : {}) });
    await openForAws(services, { folder, person, profile, region, json, io, takeOver: values['take-over'] });
    if (!json) io.err(`Collecting evidence with profile "${profile}"…`);
    const run = await services.checks.run({
      profile,
      person,
      ...(region ? { region } : {}),
      ...(checkIds ? { checkIds } : {}),
    });
    if (json) io.out(JSON.stringify(jsonDocument(run, folder), null, 2));
    else printRun(run, folder, io);
    return run.status === 'completed' ? 0 : run.status === 'cancelled' ? 130 : 3;
  } catch (e) {
    return reportError(e, io, json);
  } finally {
    process.removeListener('SIGINT', cancel);
    await services.workspaces.close();
  }
}

/**
 * Opens or creates the workspace a run against AWS writes into; the profile is checked first and,
 * for a new workspace, signed in with, so a failed sign-in leaves no workspace behind.
 */
export async function openForAws(
  services: ReturnType<typeof headlessServices>,
  o: {
    folder: string;
    person: Person;
    profile: string;
    region: string | undefined;
    json: boolean;
    io: CliIo;
    takeOver?: boolean;
  },
): Promise<void> {
  await services.aws.profile(o.profile);
  await openOrCreateWorkspace(services, { ...o, beforeCreate: () => services.aws.whoami(o.profile, o.region) });
}

export function jsonDocument(run: CheckRun, workspace: string) {
  return {
    account: run.account,
    accounts: run.accounts,
    principal: run.principalArn,
    region: run.region,
    collectedAt: run.finishedAt,
    collectedBy: run.collectedBy,
    workspace,
    runId: run.runId,
    status: run.status,
    ...(run.stopped ? { stopped: run.stopped } : {}),
    checks: run.checks.map((c) => ({
      id: c.checkId,
      accountId: c.accountId,
      result: c.result,
      summary: c.summary,
      entities: c.entities.map((e) => ({
        arn: e.arn,
        name: e.name,
        ...(e.region ? { region: e.region } : {}),
        result: e.result,
        detail: e.detail,
      })),
      evidence: c.evidence.map((e) => ({ id: e.id, file: e.path, name: e.fileName, sha256: e.sha256 })),
      error: c.error
        ? {
            code: c.error.code,
            message: c.error.message,
            ...(c.error.missingAction ? { missingAction: c.error.missingAction } : {}),
          }
        : null,
    })),
  };
}

function printRun(run: CheckRun, folder: string, io: CliIo) {
  const account = run.account.alias ? `${run.account.id} (${run.account.alias})` : run.account.id;
  io.out(
    `Account:   ${account}\nPrincipal: ${run.principalArn}\nCollected: ${run.finishedAt} by ${run.collectedBy.name}\n`,
  );
  io.out(
    table([
      ['CHECK', 'RESULT', 'SUMMARY'],
      ...run.checks.map((c) => [
        c.checkId,
        CHECK_RESULT_LABELS[c.result],
        c.error?.missingAction ? `${c.summary} (missing ${c.error.missingAction})` : c.summary,
      ]),
    ]),
  );
  const files = run.checks.reduce((n, c) => n + c.evidence.length, 0);
  io.out(`\n${files} evidence records in ${folder}/evidence`);
  if (run.stopped) io.err(`\nStopped early: ${run.stopped.message}${run.stopped.hint ? `\n${run.stopped.hint}` : ''}`);
  if (run.status === 'cancelled') io.err('\nCancelled; the checks that finished are kept.');
}
