import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServiceOptions } from '../services/create-services';
import { TAKE_OVER_OPTION, headlessServices, personFrom } from './headless';
import { type CliIo, UsageError, reportError } from './output';

/**
 * `restore FILE --workspace DIR [--take-over] [--as NAME] [--json]`: brings back a damaged
 * workspace document's last-good copy, as the app's "Restore the last good copy" does: logged
 * in the activity log first, the damaged file kept beside it. Exit 0 when restored, 1 when not.
 */
export async function restoreCommand(args: string[], io: CliIo, options: Partial<ServiceOptions> = {}) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      as: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...TAKE_OVER_OPTION,
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new UsageError('restore needs exactly one FILE: the damaged document, for example team.json.');
  if (!values.workspace) throw new UsageError('restore needs --workspace DIR.');
  const json = !!values.json;
  const folder = resolve(values.workspace);
  const services = headlessServices(options);
  services.workspaces.setMe(personFrom(values.as));
  try {
    const done = await services.workspaces.restoreBackup(folder, file, { takeOverStaleLock: values['take-over'] });
    if (json) io.out(JSON.stringify({ workspace: folder, ...done }, null, 2));
    else
      io.out(
        `Restored ${done.restored} in ${folder} from its last-good copy${done.damagedCopy ? `; the damaged file is kept as ${done.damagedCopy}` : ''}.`,
      );
    return 0;
  } catch (e) {
    return reportError(e, io, json);
  }
}
