import { AppError } from '../../shared/ipc/result';

/**
 * The services write hints for the app's screens ("press Sign in on the AWS screen"). On the
 * command line the same next step is a command, so the hints that name a screen are rewritten
 * here, by error code; hints that name no screen are kept as they are.
 */
function commandLineHint(err: AppError): string | undefined {
  const details = err.details ?? {};
  const profile = typeof details.profile === 'string' ? details.profile : undefined;
  const name = profile ?? 'NAME';
  const login = `npm run cli -- login --profile ${name}`;
  switch (err.code) {
    case 'SSO_TOKEN_MISSING':
    case 'SSO_TOKEN_EXPIRED':
      return `Sign in again: run  ${login}  (or  aws sso login --profile ${name}).`;
    case 'SSO_LOGIN_DENIED':
      return `Run  ${login}  again and choose Allow on the AWS page.`;
    case 'SSO_LOGIN_EXPIRED':
      return `Run  ${login}  again and approve it in the browser within a few minutes.`;
    case 'PROFILE_INVALID':
      // A hint about one setting (sso_start_url...) is already what to change.
      if (details.setting) return undefined;
      if (typeof details.kind === 'string')
        return `It needs no sign-in: check that it works with  npm run cli -- whoami --profile ${name}.`;
      return 'Run  npm run cli -- profiles  to see what to change, with the file and line.';
    case 'CREDENTIALS_MISSING':
      // Only the provider chain's catch-all sends people to the AWS screen; it carries the SDK's reason.
      return details.reason === undefined
        ? undefined
        : `Check the profile with  npm run cli -- profiles, or sign in again with  ${login}.`;
    case 'WORKSPACE_LOCKED':
      // The app's hint names its "Take over" button; here the same step is a flag.
      return err.hint?.includes('"Take over"')
        ? err.hint.replace(/choose "Take over" to open it here\./, 'run the same command again with --take-over.')
        : undefined;
    case 'WORKSPACE_FILE_CORRUPT':
    case 'WORKSPACE_FILE_INVALID':
      return details.backupAvailable === true && typeof details.file === 'string'
        ? `Restore the last good copy with  npm run cli -- restore ${details.file} --workspace ${shellWord(typeof details.folder === 'string' ? details.folder : 'DIR')}  (the damaged file is kept beside it), or fix the file by hand and run the command again.`
        : undefined;
    case 'ACCOUNT_OUT_OF_SCOPE':
      return "Run collect with --profile set to a profile for one of the workspace's accounts, or change the accounts on the app's AWS screen.";
    default:
      return undefined;
  }
}

/** A path as one shell word: quoted only when it needs it. */
const shellWord = (text: string) => (/^[\w./:@-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

export function forCommandLine(err: AppError): AppError {
  const hint = commandLineHint(err);
  return hint ? new AppError(err.code, err.message, { hint, ...(err.details ? { details: err.details } : {}) }) : err;
}
