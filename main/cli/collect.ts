import { existsSync, readdirSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHECK_RESULT_LABELS, type CheckRun } from '../../shared/domain/findings';
import { Person } from '../../shared/domain/common';
import { AppError } from '../../shared/ipc/result';
import { createServices, type ServiceOptions } from '../services/create-services';
import { silentLogger } from '../services/logger';
import type { Preferences, PreferencesStore } from '../services/preferences/preferences';
import { machineInstallId } from '../services/workspace/machine-install-id';
import { type CliIo, UsageError, regionOption, reportError, table } from './output';
import packageJson from '../../package.json';

/**
 * The CLI keeps no preferences between runs: nothing is written outside the workspace. Its
 * install id comes from the machine, so the next run recognises a lock a crashed run left.
 */
export function memoryPreferences(): PreferencesStore {
  const installId = machineInstallId();
  let prefs: Preferences = { me: null, recentWorkspaces: [], ...(installId ? { installId } : {}) };
  return { read: () => prefs, write: (next) => (prefs = next) };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'user';

/** `--as "Jane Doe <jane@example.com>"`, `--as "Jane Doe"`, or the OS user; a name alone gets a host-local address. */
export function personFrom(as: string | undefined): Person {
  const text = (as ?? userInfo().username).trim();
  const m = /^(.*?)\s*<([^>]+)>$/.exec(text);
  const name = (m ? m[1] : text) || userInfo().username;
  const email = m ? m[2]! : `${slug(name)}@${slug(hostname())}.local`;
  const parsed = Person.safeParse({ name, email });
  if (!parsed.success)
    throw new UsageError(
      `--as "${text}" is not a usable name: ${parsed.error.issues[0]?.message}. Write --as "Name" or --as "Name <email>".`,
    );
  return parsed.data;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * `collect --profile NAME --workspace DIR [--region R] [--only id,id] [--json] [--as NAME]`:
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

  const services = createServices({
    appVersion: packageJson.version,
    logger: silentLogger,
    ...options,
    adapters: {
      preferences: memoryPreferences(),
      pickFolder: async () => null,
      openExternal: async () => {},
      emit: (event, payload) => {
        if (!json && event === 'checks.progress' && 'result' in payload && payload.result)
          io.err(`  ${payload.checkId}: ${CHECK_RESULT_LABELS[payload.result]}`);
      },
      ...options.adapters,
    },
  });
  const cancel = () => services.checks.cancel();
  process.once('SIGINT', cancel);
  try {
    services.checks.selectChecks({ ...(checkIds ? { checkIds } : {}) });
    await openOrCreateWorkspace(services, { folder, person, profile, region, json, io });
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
 * Opens the workspace a headless run writes into, or creates one with defaults in an empty or
 * new folder, after signing in, so a failed sign-in leaves nothing behind.
 */
export async function openOrCreateWorkspace(
  services: ReturnType<typeof createServices>,
  o: { folder: string; person: Person; profile: string; region: string | undefined; json: boolean; io: CliIo },
): Promise<void> {
  const { folder, person, profile, region, json, io } = o;
  // A profile that does not exist should not leave a new workspace behind.
  await services.aws.profile(profile);
  services.workspaces.setMe(person);
  if (existsSync(`${folder}/workspace.json`)) await services.workspaces.open(folder);
  else if (!existsSync(folder) || readdirSync(folder).length === 0) {
    // Signed in before anything is written: a failed sign-in must not leave a workspace behind.
    await services.aws.whoami(profile, region);
    await services.workspaces.create({
      folder,
      companyName: basename(folder),
      systemName: 'AWS',
      asOfDate: today(),
      categories: ['security'],
      me: person,
    });
    if (!json)
      io.err(
        `Created a workspace in ${folder} (company "${basename(folder)}", as of ${today()}; change both in Settings).`,
      );
  } else {
    throw new AppError('WORKSPACE_NOT_FOUND', `${folder} is not empty and holds no workspace.`, {
      hint: 'Give an existing workspace folder, or an empty or new folder to create one in.',
    });
  }
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
