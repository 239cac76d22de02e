import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ZipFile } from 'yazl';
import type { ProfileList } from '../../../shared/domain/aws';
import { AppError } from '../../../shared/ipc/result';
import { redactSecrets } from '../security/redact';
import type { AboutService } from '../app-info/about-service';

export interface DiagnosticsDeps {
  about: AboutService;
  /** The app's log folder (main.log and its rotation). Crash dumps are not included: they hold process memory. */
  logDir: string;
  /** The open workspace's folder, or null. */
  workspaceRoot: () => string | null;
  listProfiles: () => Promise<ProfileList>;
  pickFile: (defaultName: string) => Promise<string | null>;
  now: () => Date;
}

const MAX_LOG_BYTES = 10 * 1024 * 1024;
const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * Help → Export diagnostics: what a maintainer needs to understand a problem, and nothing of the audit. Versions, the
 * log files (secrets redacted again on the way out), the workspace's document schema versions and counts (no names,
 * no content, no path), and the AWS profile names with their kind and status (no values). Written to a temporary
 * name beside the target and renamed when complete.
 */
export class DiagnosticsService {
  constructor(private readonly deps: DiagnosticsDeps) {}

  async export(): Promise<{ path: string; entries: string[] } | null> {
    const stamp = this.deps.now().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const target = await this.deps.pickFile(`audit-workbench-diagnostics-${stamp}.zip`);
    if (!target) return null;
    const entries = await this.collect();
    await writeZipAtomically(target, entries);
    return { path: target, entries: entries.map((entry) => entry.name) };
  }

  /** The ZIP's entries, in memory: each is small (logs are capped), and nothing here is worth streaming. */
  async collect(): Promise<{ name: string; data: Buffer }[]> {
    const about = await this.deps.about.about();
    const { licenses, ...versions } = about;
    const json = (name: string, value: unknown) => ({ name, data: Buffer.from(JSON.stringify(value, null, 2) + '\n') });
    const entries = [
      json('about.json', { ...versions, bundledPackages: licenses.length, exportedAt: this.deps.now().toISOString() }),
      json('workspace.json', await this.workspaceSummary()),
      json('aws-profiles.json', await this.profiles()),
      ...(await this.logs()),
    ];
    entries.unshift({ name: 'README.txt', data: Buffer.from(readme(entries.map((entry) => entry.name))) });
    return entries;
  }

  private async logs(): Promise<{ name: string; data: Buffer }[]> {
    let names: string[];
    try {
      names = (await fs.readdir(this.deps.logDir)).filter((name) => /\.log(\.\d+)?$/.test(name)).sort();
    } catch {
      return [];
    }
    const out: { name: string; data: Buffer }[] = [];
    for (const name of names) {
      const path = join(this.deps.logDir, name);
      const stat = await fs.lstat(path).catch(() => null);
      if (!stat?.isFile()) continue;
      const handle = await fs.open(path, 'r');
      try {
        const length = Math.min(stat.size, MAX_LOG_BYTES);
        const buffer = Buffer.alloc(length);
        // The newest lines are at the end: a log over the cap keeps its tail.
        await handle.read(buffer, 0, length, stat.size - length);
        out.push({ name: `logs/${name}`, data: Buffer.from(redactSecrets(buffer.toString('utf8'))) });
      } finally {
        await handle.close();
      }
    }
    return out;
  }

  private async profiles(): Promise<unknown> {
    try {
      const list = await this.deps.listProfiles();
      return {
        profiles: list.profiles.map((profile) => ({
          name: profile.name,
          kind: profile.kind,
          status: profile.status,
          files: profile.files,
          problems: profile.problems.length,
        })),
        files: list.files.map((file) => ({ kind: file.kind, exists: file.exists, problems: file.problems.length })),
      };
    } catch (error) {
      return { error: redactSecrets((error as Error).message) };
    }
  }

  private async workspaceSummary(): Promise<unknown> {
    const root = this.deps.workspaceRoot();
    if (!root) return { open: false };
    const documents: { file: string; schemaVersion?: number; problem?: string }[] = [];
    for (const name of (await fs.readdir(root)).filter((n) => n.endsWith('.json')).sort()) {
      const path = join(root, name);
      const stat = await fs.lstat(path).catch(() => null);
      if (!stat?.isFile()) documents.push({ file: name, problem: 'not a regular file' });
      else if (stat.size > MAX_DOCUMENT_BYTES)
        documents.push({ file: name, problem: `larger than ${MAX_DOCUMENT_BYTES} bytes` });
      else {
        try {
          const parsed = JSON.parse(await fs.readFile(path, 'utf8')) as { schemaVersion?: unknown };
          documents.push({
            file: name,
            ...(typeof parsed.schemaVersion === 'number' ? { schemaVersion: parsed.schemaVersion } : {}),
          });
        } catch {
          documents.push({ file: name, problem: 'not valid JSON' });
        }
      }
    }
    return {
      open: true,
      documents,
      counts: {
        evidenceRecords: await countEntries(join(root, 'evidence', 'records')),
        evidenceFiles: await countEntries(join(root, 'evidence', 'files')),
        activityLines: await countLines(join(root, 'activity.jsonl')),
      },
    };
  }
}

async function countEntries(folder: string): Promise<number | null> {
  try {
    return (await fs.readdir(folder)).filter((name) => !name.startsWith('.')).length;
  } catch {
    return null;
  }
}

async function countLines(path: string): Promise<number | null> {
  const stat = await fs.lstat(path).catch(() => null);
  if (!stat?.isFile()) return null;
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 0x0a) lines++;
  }
  return lines;
}

function readme(names: string[]): string {
  return [
    'Audit Workbench diagnostics',
    '',
    'Made by Help > Export diagnostics, to send to whoever helps you with a problem.',
    'It holds: the app, Electron, Chromium, Node and OS versions; the app log files (secrets removed);',
    'the workspace document schema versions and how many records, files and activity lines it has;',
    'and the names, kinds and status of your AWS profiles.',
    'It never holds: evidence, control notes, names of people or companies, workspace paths, AWS keys,',
    'session tokens, sign-in tokens, account ids or profile values.',
    '',
    'Files:',
    ...names.map((name) => `  ${name}`),
    '',
  ].join('\n');
}

async function writeZipAtomically(target: string, entries: { name: string; data: Buffer }[]): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(entry.data, entry.name, { mtime: new Date(0) });
  zip.end();
  try {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
      out.on('error', reject);
      out.on('close', resolve);
      zip.outputStream.on('error', reject).pipe(out);
    });
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw new AppError(
      'SAVE_FAILED',
      `The diagnostics could not be written to ${target}: ${(error as Error).message}`,
      {
        hint: 'Choose a folder you can write to, with free space.',
      },
    );
  }
}
