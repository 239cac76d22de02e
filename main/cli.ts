import { pathToFileURL } from 'node:url';
import { type CliIo, UsageError, processIo } from './cli/output';

/**
 * Each command's module is loaded when it runs, not before: `profiles` and `whoami` need the AWS
 * side only, and loading every service (the SDK clients, exceljs, pdf tooling) took longer than
 * the commands themselves.
 */
const lazy =
  <K extends string>(load: () => Promise<Record<K, Command['run']>>, name: K): Command['run'] =>
  async (args, io) =>
    (await load())[name](args, io);

/**
 * The workbench without a window: `npm run cli -- <command> [options]`. Each command lives in
 * main/cli/<command>.ts and returns its exit code; add new ones to this table.
 */
interface Command {
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  profiles: {
    usage: 'profiles [--json]',
    summary: 'List AWS profiles with their kind, account, role and SSO session',
    run: lazy(() => import('./cli/profiles'), 'profilesCommand'),
  },
  login: {
    usage: 'login --profile NAME [--redirect] [--no-browser]',
    summary: 'Sign in to IAM Identity Center (shared with "aws sso login")',
    run: lazy(() => import('./cli/login'), 'loginCommand'),
  },
  whoami: {
    usage: 'whoami --profile NAME [--region R] [--json]',
    summary: 'Show the AWS account, alias and principal a profile reaches',
    run: lazy(() => import('./cli/whoami'), 'whoamiCommand'),
  },
  collect: {
    usage: 'collect --profile NAME --workspace DIR [--region R] [--only id,id] [--json] [--as NAME] [--take-over]',
    summary: 'Run the IAM checks and store their evidence in a workspace',
    run: lazy(() => import('./cli/collect'), 'collectCommand'),
  },
  'access-review': {
    usage: 'access-review population --profile NAME --workspace DIR [--region R] [--json] [--as NAME] [--take-over]',
    summary: 'Read the access review population (IAM, Identity Center) with its flags and store it as evidence',
    run: lazy(() => import('./cli/access-review'), 'accessReviewCommand'),
  },
  export: {
    usage:
      'export --workspace DIR --out FILE.zip [--as-of YYYY-MM-DD] [--categories a,b] [--no-notes] [--freshness-days N] [--as "Name <email>"] [--json]',
    summary: 'Write the auditor bundle (ZIP) for a workspace, verified before it gets its name',
    run: lazy(() => import('./cli/export'), 'exportCommand'),
  },
  requests: {
    usage:
      'requests import FILE --workspace DIR [--sheet NAME] [--mapping JSON] [--firm NAME] [--header-row N] [--dry-run] [--json] [--take-over] | requests list --workspace DIR [--json]',
    summary: "Import or re-import the audit firm's request list (CSV or XLSX, all or nothing), or list the requests",
    run: lazy(() => import('./cli/requests'), 'requestsCommand'),
  },
  restore: {
    usage: 'restore FILE --workspace DIR [--take-over] [--as NAME] [--json]',
    summary: "Bring back a damaged workspace document's last-good copy (logged; the damaged file is kept)",
    run: lazy(() => import('./cli/restore'), 'restoreCommand'),
  },
  demo: {
    usage: 'demo [--workspace DIR]',
    summary:
      'The sample company end to end without AWS: workspace, checks, a screenshot, a signed review, a verified bundle',
    run: lazy(() => import('./cli/demo'), 'demoCommand'),
  },
  verify: {
    usage: 'verify FILE.zip [--seal HEX] [--json]',
    summary:
      'Check a bundle: ZIP structure, every hash, SHA256SUMS, manifest.json and, with --seal, that it is the bundle that was sent',
    run: lazy(() => import('./cli/verify'), 'verifyCommand'),
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(48)} ${c.summary}`);
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join('\n')}`;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    // parseArgs rejects unknown or malformed options with a TypeError carrying a code.
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(e as Error).message}\nUsage: npm run cli -- ${command.usage}`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`Unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
