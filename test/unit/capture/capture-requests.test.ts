import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CaptureWindowRequests,
  downloadTargetRefusal,
  isInsideFolder,
  placeDownload,
  resolveDownloadTarget,
  NEVER_GRANTED,
  OneQuestionAtATime,
  downloadHost,
  downloadNotSaved,
  downloadQuestion,
  permissionInWords,
  safeDownloadName,
  saidYes,
  saveDialogFor,
  type Question,
} from '../../../main/services/capture/capture-requests';

const PAGE = 'https://github.com/acme/app/settings';
const main = (permission: string, extra: object = {}) => ({
  permission,
  isMainFrame: true,
  requestingUrl: PAGE,
  ...extra,
});
const answering = (allowed: boolean) => vi.fn(async (_q: Question) => allowed);

describe('permission requests in a capture window', () => {
  it('asks about a permission from the main frame in words, naming the origin, default Deny', async () => {
    const requests = new CaptureWindowRequests();
    const ask = answering(true);
    expect(await requests.permissionRequest(main('notifications'), ask)).toBe(true);
    expect(ask).toHaveBeenCalledTimes(1);
    const q = ask.mock.calls[0]![0];
    expect(q.message).toBe('https://github.com asks for permission to show notifications. Allow for this window?');
    expect(q.buttons).toEqual(['Allow', 'Deny']);
    expect(q.buttons[q.defaultId]).toBe('Deny');
    expect(q.buttons[q.cancelId]).toBe('Deny');
    expect(saidYes(q.defaultId)).toBe(false);
  });

  it('remembers an answer per origin and permission, so the person is asked once', async () => {
    const requests = new CaptureWindowRequests();
    const deny = answering(false);
    expect(await requests.permissionRequest(main('geolocation'), deny)).toBe(false);
    expect(await requests.permissionRequest(main('geolocation'), deny)).toBe(false);
    expect(deny).toHaveBeenCalledTimes(1);
    const allow = answering(true);
    expect(await requests.permissionRequest(main('clipboard-read'), allow)).toBe(true);
    expect(await requests.permissionRequest(main('clipboard-read'), allow)).toBe(true);
    expect(allow).toHaveBeenCalledTimes(1);
    // Another site in the same window is asked again.
    expect(
      await requests.permissionRequest(main('clipboard-read', { requestingUrl: 'https://gitlab.com/x' }), allow),
    ).toBe(true);
    expect(allow).toHaveBeenCalledTimes(2);
  });

  it('keeps answers per window: another window asks again', async () => {
    const first = new CaptureWindowRequests();
    const second = new CaptureWindowRequests();
    await first.permissionRequest(main('notifications'), answering(true));
    const ask = answering(false);
    expect(await second.permissionRequest(main('notifications'), ask)).toBe(false);
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('denies sub-frames, non-https pages, never-grantable and unnamed permissions without asking', async () => {
    const requests = new CaptureWindowRequests();
    const ask = answering(true);
    expect(await requests.permissionRequest({ ...main('notifications'), isMainFrame: false }, ask)).toBe(false);
    expect(await requests.permissionRequest(main('notifications', { requestingUrl: 'http://github.com/' }), ask)).toBe(
      false,
    );
    expect(await requests.permissionRequest(main('notifications', { requestingUrl: undefined }), ask)).toBe(false);
    for (const permission of [
      'openExternal',
      'hid',
      'serial',
      'usb',
      'bluetooth',
      'midiSysex',
      'pointerLock',
      'keyboardLock',
      'display-capture',
      'fullscreen',
      'fileSystem',
      'unknown',
    ]) {
      expect(await requests.permissionRequest(main(permission), ask), permission).toBe(false);
      expect(requests.decide(main(permission))).toMatchObject({ action: 'deny' });
    }
    expect(await requests.permissionRequest(main('vr'), ask)).toBe(false);
    expect(ask).not.toHaveBeenCalled();
  });

  it('documents why each never-grantable permission is refused', () => {
    for (const [permission, why] of NEVER_GRANTED) {
      expect(why.length, permission).toBeGreaterThan(20);
      expect(permissionInWords(permission)).toBeNull();
    }
  });

  it('asks camera and microphone in words and remembers them separately', async () => {
    const requests = new CaptureWindowRequests();
    const ask = answering(true);
    await requests.permissionRequest(main('media', { mediaTypes: ['audio'] }), ask);
    expect(ask.mock.calls[0]![0].message).toBe(
      'https://github.com asks for use of your microphone. Allow for this window?',
    );
    expect(
      requests.permissionCheck({
        permission: 'media',
        isMainFrame: true,
        requestingOrigin: 'https://github.com',
        mediaType: 'audio',
      }),
    ).toBe(true);
    expect(
      requests.permissionCheck({
        permission: 'media',
        isMainFrame: true,
        requestingOrigin: 'https://github.com',
        mediaType: 'video',
      }),
    ).toBe(false);
    // Camera and microphone together: asked again, since the camera was never answered.
    await requests.permissionRequest(main('media', { mediaTypes: ['video', 'audio'] }), ask);
    expect(ask).toHaveBeenCalledTimes(2);
    expect(ask.mock.calls[1]![0].message).toContain('use of your camera and microphone');
    expect(
      requests.permissionCheck({
        permission: 'media',
        isMainFrame: true,
        requestingOrigin: 'https://github.com',
        mediaType: 'video',
      }),
    ).toBe(true);
  });

  it('answers permission checks from memory only: deny when never granted, for sub-frames, and after close', async () => {
    const requests = new CaptureWindowRequests();
    const check = { permission: 'notifications', isMainFrame: true, requestingOrigin: 'https://github.com' };
    expect(requests.permissionCheck(check)).toBe(false);
    await requests.permissionRequest(main('notifications'), answering(true));
    expect(requests.permissionCheck(check)).toBe(true);
    expect(requests.permissionCheck({ ...check, isMainFrame: false })).toBe(false);
    expect(requests.permissionCheck({ ...check, requestingOrigin: 'https://evil.example' })).toBe(false);
    expect(requests.permissionCheck({ ...check, permission: 'usb' })).toBe(false);
    requests.close();
    expect(requests.permissionCheck(check)).toBe(false);
  });

  it('asks one question at a time; a waiting duplicate is answered by the first answer', async () => {
    const requests = new CaptureWindowRequests();
    let answer!: (allowed: boolean) => void;
    const ask = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const first = requests.permissionRequest(main('notifications'), ask);
    const second = requests.permissionRequest(main('notifications'), ask);
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ask).toHaveBeenCalledTimes(1);
    answer(true);
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('refuses what is still waiting when the window closes, and does not remember a late answer', async () => {
    const requests = new CaptureWindowRequests();
    let answer!: (allowed: boolean) => void;
    const ask = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const pending = requests.permissionRequest(main('notifications'), ask);
    const queued = requests.permissionRequest(main('geolocation'), ask);
    await new Promise((resolve) => setTimeout(resolve, 0));
    requests.close();
    answer(true);
    expect(await pending).toBe(false);
    expect(await queued).toBe(false);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(await requests.download(async () => '/tmp/x')).toBeNull();
  });

  it('a failing question counts as a refusal', async () => {
    const requests = new CaptureWindowRequests();
    expect(
      await requests.permissionRequest(main('notifications'), () => Promise.reject(new Error('dialog failed'))),
    ).toBe(false);
  });
});

describe('OneQuestionAtATime', () => {
  it('refuses without asking beyond the limit of waiting questions', async () => {
    const queue = new OneQuestionAtATime(2);
    const release: (() => void)[] = [];
    const ask = vi.fn(() => new Promise<string>((resolve) => release.push(() => resolve('asked'))));
    const a = queue.ask(ask, 'refused');
    const b = queue.ask(ask, 'refused');
    expect(await queue.ask(ask, 'refused')).toBe('refused');
    await new Promise((resolve) => setTimeout(resolve, 0));
    release.shift()!();
    expect(await a).toBe('asked');
    await new Promise((resolve) => setTimeout(resolve, 0));
    release.shift()!();
    expect(await b).toBe('asked');
    expect(ask).toHaveBeenCalledTimes(2);
    // Room again once answered.
    const c = queue.ask(async () => 'again', 'refused');
    expect(await c).toBe('again');
  });
});

describe('download questions', () => {
  it('names host, file and size, default Cancel', () => {
    const q = downloadQuestion({
      host: 'console.aws.amazon.com',
      fileName: 'credential-report.csv',
      totalBytes: 3 * 1024 * 1024,
    });
    expect(q.message).toBe('console.aws.amazon.com wants to download credential-report.csv (3.0 MB). Save it?');
    expect(q.buttons).toEqual(['Save…', 'Cancel']);
    expect(q.buttons[q.defaultId]).toBe('Cancel');
    expect(q.detail).toMatch(/never into the workspace/);
    expect(downloadQuestion({ host: 'h', fileName: 'f.txt', totalBytes: 0 }).message).toBe(
      'h wants to download f.txt. Save it?',
    );
  });

  it('takes the host from the initiator, else the file URL (blob: included), else the page', () => {
    expect(downloadHost('https://github.com', 'https://objects.githubusercontent.com/x', PAGE)).toBe('github.com');
    expect(downloadHost('', 'blob:https://console.aws.amazon.com/1234', PAGE)).toBe('console.aws.amazon.com');
    expect(downloadHost('null', 'data:text/csv,a', PAGE)).toBe('github.com');
    expect(downloadHost('', 'data:text/csv,a', 'about:blank')).toBe('The page in this window');
  });

  it('says when a download the person chose to save did not arrive', () => {
    expect(downloadNotSaved('a.csv', 'The download was interrupted.')).toEqual({
      message: 'a.csv was not saved.',
      detail: 'The download was interrupted. Try the download again from the page.',
    });
  });

  it('offers the save dialog in the Downloads folder with a safe name', () => {
    const options = saveDialogFor('report.csv', '/home/ana/Downloads');
    expect(options.defaultPath).toBe(join('/home/ana/Downloads', 'report.csv'));
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  it('serialises download questions and refuses them after close', async () => {
    const requests = new CaptureWindowRequests();
    expect(await requests.download(async () => '/home/ana/Downloads/a.csv')).toBe('/home/ana/Downloads/a.csv');
    expect(await requests.download(async () => null)).toBeNull();
    requests.close();
    const ask = vi.fn(async () => '/x');
    expect(await requests.download(ask)).toBeNull();
    expect(ask).not.toHaveBeenCalled();
  });
});

describe('safeDownloadName', () => {
  it.each([
    ['report.csv', 'report.csv'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\evil.exe', 'evil.exe'],
    ['..', 'download'],
    ['', 'download'],
    ['   ', 'download'],
    ['.bashrc', 'bashrc'],
    ['name. ', 'name'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['zero\u200Bwidth\u0000nul\u0007.txt', 'zerowidthnul.txt'],
    ['line\nbreak.txt', 'line break.txt'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['tabs\tand   spaces.pdf', 'tabs and spaces.pdf'],
  ])('%j → %j', (input, expected) => {
    expect(safeDownloadName(input)).toBe(expected);
  });

  it('cuts long names to 200 bytes keeping the extension, without splitting a character', () => {
    const long = `${'é'.repeat(300)}.xlsx`;
    const name = safeDownloadName(long);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name.endsWith('.xlsx')).toBe(true);
    expect(name.startsWith('éé')).toBe(true);
    expect(name).not.toContain('\uFFFD');
  });
});

describe('where a download from a capture window may be saved', () => {
  const made: string[] = [];
  const temp = () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'aw-download-')));
    made.push(dir);
    return dir;
  };
  afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A workspace-like folder with a read-only evidence file and the activity log, and a Downloads folder beside it. */
  function setup() {
    const home = temp();
    const ws = join(home, 'acme-audit');
    mkdirSync(join(ws, 'evidence', 'files'), { recursive: true });
    const evidence = join(ws, 'evidence', 'files', 'ab'.repeat(32));
    writeFileSync(evidence, 'original evidence\n');
    chmodSync(evidence, 0o444);
    writeFileSync(join(ws, 'activity.jsonl'), '{"action":"workspace.created"}\n');
    const downloads = join(home, 'Downloads');
    mkdirSync(downloads);
    const staging = temp();
    const staged = join(staging, 'report.csv');
    writeFileSync(staged, 'downloaded\n');
    return { home, ws, evidence, downloads, staged };
  }

  it('decides on real paths: the workspace folder and anything inside it are refused, neighbours are not', () => {
    const root = join('/', 'Users', 'ana', 'acme-audit');
    expect(downloadTargetRefusal(join(root, 'activity.jsonl'), root, false)).toMatch(
      /^Downloads are never saved inside the open workspace \(\/Users\/ana\/acme-audit\)/,
    );
    expect(downloadTargetRefusal(join(root, 'evidence', 'files', 'x'), root, false)).not.toBeNull();
    expect(downloadTargetRefusal(root, root, false)).not.toBeNull();
    expect(downloadTargetRefusal(join('/', 'Users', 'ana', 'acme-audit-2', 'x.csv'), root, false)).toBeNull();
    expect(downloadTargetRefusal(join('/', 'Users', 'ana', 'Downloads', 'x.csv'), root, false)).toBeNull();
    expect(downloadTargetRefusal(join(root, '..', 'x.csv'), root, false)).toBeNull();
    expect(downloadTargetRefusal(join(root, 'x.csv'), null, false)).toBeNull();
    // Case-insensitive file systems (macOS, Windows): another spelling is the same folder.
    expect(downloadTargetRefusal(join('/', 'users', 'ANA', 'Acme-Audit', 'x'), root, true)).not.toBeNull();
    expect(isInsideFolder(join(root, '..foo'), root, false)).toBe(true);
    expect(isInsideFolder(join(root, '..', 'foo'), root, false)).toBe(false);
  });

  it('refuses a folder inside the workspace, also when reached through a symlink, and allows elsewhere', async () => {
    const { home, ws, downloads } = setup();
    const link = join(home, 'looks-harmless');
    symlinkSync(join(ws, 'evidence', 'files'), link);
    expect(await resolveDownloadTarget(join(link, 'ab'.repeat(32)), ws)).toEqual({
      refused: expect.stringContaining('never saved inside the open workspace'),
    });
    expect(await resolveDownloadTarget(join(ws, 'activity.jsonl'), ws)).toMatchObject({ refused: expect.any(String) });
    expect(await resolveDownloadTarget(join(downloads, '..', 'acme-audit', 'evidence', 'x'), ws)).toMatchObject({
      refused: expect.any(String),
    });
    // The workspace named through a symlink is the same workspace.
    const wsLink = join(home, 'ws-link');
    symlinkSync(ws, wsLink);
    expect(await resolveDownloadTarget(join(ws, 'x.csv'), wsLink)).toMatchObject({ refused: expect.any(String) });
    expect(await resolveDownloadTarget(join(downloads, 'report.csv'), ws)).toEqual({
      path: join(downloads, 'report.csv'),
    });
    expect(await resolveDownloadTarget(join(downloads, 'report.csv'), null)).toEqual({
      path: join(downloads, 'report.csv'),
    });
    expect(await resolveDownloadTarget(join(home, 'gone', 'report.csv'), ws)).toEqual({
      refused: expect.stringContaining('cannot be found'),
    });
  });

  it('saves into a new file, and replaces an existing one (confirmed in the dialog) without writing through it', async () => {
    const { downloads, staged, evidence } = setup();
    await placeDownload(staged, join(downloads, 'report.csv'));
    expect(readFileSync(join(downloads, 'report.csv'), 'utf8')).toBe('downloaded\n');
    // A symlink at the chosen name is replaced itself; the file it points at is untouched.
    symlinkSync(evidence, join(downloads, 'linked.csv'));
    await placeDownload(staged, join(downloads, 'linked.csv'));
    expect(readFileSync(join(downloads, 'linked.csv'), 'utf8')).toBe('downloaded\n');
    expect(readFileSync(evidence, 'utf8')).toBe('original evidence\n');
    // A hard link to a workspace file only loses this name.
    linkSync(evidence, join(downloads, 'hard.csv'));
    await placeDownload(staged, join(downloads, 'hard.csv'));
    expect(readFileSync(join(downloads, 'hard.csv'), 'utf8')).toBe('downloaded\n');
    expect(readFileSync(evidence, 'utf8')).toBe('original evidence\n');
    // A folder at the chosen name is not replaced.
    mkdirSync(join(downloads, 'folder.csv'));
    await expect(placeDownload(staged, join(downloads, 'folder.csv'))).rejects.toThrow('is a folder');
    expect(readdirSync(join(downloads, 'folder.csv'))).toEqual([]);
  });

  // A staging folder on another disk (tmpfs) makes `link` fail with EXDEV: the file is copied, never through a symlink.
  const otherDisk = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev;
  it.runIf(otherDisk)(
    'copies across disks into a new file, replacing a symlink at the chosen name rather than its target',
    async () => {
      const { downloads, evidence } = setup();
      const staging = mkdtempSync(join('/dev/shm', 'aw-download-'));
      made.push(staging);
      writeFileSync(join(staging, 'report.csv'), 'from another disk\n');
      symlinkSync(evidence, join(downloads, 'report.csv'));
      await placeDownload(join(staging, 'report.csv'), join(downloads, 'report.csv'));
      expect(readFileSync(join(downloads, 'report.csv'), 'utf8')).toBe('from another disk\n');
      expect(readFileSync(evidence, 'utf8')).toBe('original evidence\n');
    },
  );
});
