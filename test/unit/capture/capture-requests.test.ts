import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  CaptureWindowRequests,
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
const main = (permission: string, extra: object = {}) => ({ permission, isMainFrame: true, requestingUrl: PAGE, ...extra });
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
    expect(await requests.permissionRequest(main('clipboard-read', { requestingUrl: 'https://gitlab.com/x' }), allow)).toBe(true);
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
    expect(await requests.permissionRequest(main('notifications', { requestingUrl: 'http://github.com/' }), ask)).toBe(false);
    expect(await requests.permissionRequest(main('notifications', { requestingUrl: undefined }), ask)).toBe(false);
    for (const permission of ['openExternal', 'hid', 'serial', 'usb', 'bluetooth', 'midiSysex', 'pointerLock', 'keyboardLock', 'display-capture', 'fullscreen', 'fileSystem', 'unknown']) {
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
    expect(ask.mock.calls[0]![0].message).toBe('https://github.com asks for use of your microphone. Allow for this window?');
    expect(requests.permissionCheck({ permission: 'media', isMainFrame: true, requestingOrigin: 'https://github.com', mediaType: 'audio' })).toBe(true);
    expect(requests.permissionCheck({ permission: 'media', isMainFrame: true, requestingOrigin: 'https://github.com', mediaType: 'video' })).toBe(false);
    // Camera and microphone together: asked again, since the camera was never answered.
    await requests.permissionRequest(main('media', { mediaTypes: ['video', 'audio'] }), ask);
    expect(ask).toHaveBeenCalledTimes(2);
    expect(ask.mock.calls[1]![0].message).toContain('use of your camera and microphone');
    expect(requests.permissionCheck({ permission: 'media', isMainFrame: true, requestingOrigin: 'https://github.com', mediaType: 'video' })).toBe(true);
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
    expect(await requests.permissionRequest(main('notifications'), () => Promise.reject(new Error('dialog failed')))).toBe(false);
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
    const q = downloadQuestion({ host: 'console.aws.amazon.com', fileName: 'credential-report.csv', totalBytes: 3 * 1024 * 1024 });
    expect(q.message).toBe('console.aws.amazon.com wants to download credential-report.csv (3.0 MB). Save it?');
    expect(q.buttons).toEqual(['Save…', 'Cancel']);
    expect(q.buttons[q.defaultId]).toBe('Cancel');
    expect(q.detail).toMatch(/never into the workspace/);
    expect(downloadQuestion({ host: 'h', fileName: 'f.txt', totalBytes: 0 }).message).toBe('h wants to download f.txt. Save it?');
  });

  it('takes the host from the initiator, else the file URL (blob: included), else the page', () => {
    expect(downloadHost('https://github.com', 'https://objects.githubusercontent.com/x', PAGE)).toBe('github.com');
    expect(downloadHost('', 'blob:https://console.aws.amazon.com/1234', PAGE)).toBe('console.aws.amazon.com');
    expect(downloadHost('null', 'data:text/csv,a', PAGE)).toBe('github.com');
    expect(downloadHost('', 'data:text/csv,a', 'about:blank')).toBe('The page in this window');
  });

  it('says when a download the person chose to save did not arrive', () => {
    expect(downloadNotSaved('a.csv', 'The download was interrupted.')).toEqual({ message: 'a.csv was not saved.', detail: 'The download was interrupted. Try the download again from the page.' });
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
