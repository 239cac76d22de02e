import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs, type ReadStream, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { ZipFile } from 'yazl';
import { openRegular } from '../storage/workspace-files';
import { bundleTempPath } from './bundle-temp';
import { assertSafeEntryName } from './layout';

export interface FileEntry {
  name: string;
  path: string;
  size: number;
  /** The hash the file must still have; checked while it streams into the ZIP. */
  sha256: string;
  compressionLevel: number;
  /** Called when the file is missing, no longer matches or cannot be read: the error that stops the export. */
  onIntegrityFailure: (problem: 'missing' | 'tampered' | 'unreadable', readError?: string) => Error;
}

/**
 * Streams a ZIP to a `partial` file beside the target (bundle-temp.ts), one entry at a time, so memory
 * stays flat whatever the bundle size. `commit` fsyncs and renames it to the final name; any
 * failure, cancel or full disk removes the partial file, so nothing ever appears under the
 * final name unless it is complete.
 */
export class BundleZipWriter {
  readonly tempPath: string;
  private readonly zip = new ZipFile();
  private out: WriteStream | null = null;
  private current: ReadStream | null = null;
  private failure: Error | null = null;
  private closed: Promise<void> | null = null;
  private rejectClosed: ((error: Error) => void) | null = null;

  constructor(
    readonly finalPath: string,
    private readonly options: {
      mtime: Date;
      onBytes?: (bytes: number) => void;
      onFileDone?: () => void;
      signal?: AbortSignal;
    },
  ) {
    this.tempPath = bundleTempPath(finalPath, 'partial');
  }

  async open(): Promise<void> {
    const handle = await fs.open(this.tempPath, 'wx', 0o644);
    this.out = createWriteStream('', { fd: handle.fd, autoClose: false });
    this.closed = new Promise<void>((resolve, reject) => {
      this.rejectClosed = reject;
      this.out!.on('finish', () => {
        handle
          .sync()
          .then(() => handle.close())
          .then(resolve, reject);
      });
      this.out!.on('error', (error) => this.fail(error));
    });
    // The handle is closed on failure too, so the partial file can be removed on any platform.
    this.closed.catch(() => handle.close().catch(() => {}));
    this.zip.on('error', (error: Error) => this.fail(error));
    this.zip.outputStream.pipe(this.out);
    this.options.signal?.addEventListener('abort', () => this.fail(this.options.signal!.reason as Error), {
      once: true,
    });
  }

  addBuffer(name: string, bytes: Buffer, compressionLevel: number): void {
    this.zip.addBuffer(bytes, assertSafeEntryName(name), {
      compressionLevel,
      mtime: this.options.mtime,
      mode: 0o100644,
    });
  }

  /** The file is opened only when its turn comes, so thousands of entries hold one descriptor. */
  addFile(entry: FileEntry): void {
    this.zip.addReadStreamLazy(
      assertSafeEntryName(entry.name),
      { compressionLevel: entry.compressionLevel, mtime: this.options.mtime, mode: 0o100644, size: entry.size },
      (callback) => {
        if (this.failure) return;
        const hash = createHash('sha256');
        const { onBytes, onFileDone } = this.options;
        const check = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            onBytes?.(chunk.length);
            done(null, chunk);
          },
          flush: (done) => {
            if (hash.digest('hex') !== entry.sha256) {
              this.fail(entry.onIntegrityFailure('tampered'));
              return;
            }
            onFileDone?.();
            done();
          },
        });
        // Only a regular file of the recorded size is read, and never past that size: a link to
        // /dev/zero or a FIFO in an evidence file's place is refused instead of streamed forever.
        openRegular(entry.path).then(
          ({ handle, stat }) => {
            if (this.failure) return void handle.close();
            if (stat.size !== entry.size) {
              void handle.close();
              return this.fail(entry.onIntegrityFailure('tampered'));
            }
            if (entry.size === 0) {
              void handle.close();
              return callback(null, Readable.from([]).pipe(check) as unknown as ReadStream);
            }
            const stream = createReadStream('', { fd: handle, start: 0, end: entry.size - 1 });
            this.current = stream;
            stream.on('error', (error: NodeJS.ErrnoException) => this.fail(error));
            callback(null, stream.pipe(check) as unknown as ReadStream);
          },
          (error: NodeJS.ErrnoException) =>
            this.fail(
              error.code === 'ENOENT'
                ? entry.onIntegrityFailure('missing')
                : entry.onIntegrityFailure('unreadable', error.message),
            ),
        );
      },
    );
  }

  /** Ends the ZIP and waits until every byte is on disk (fsync). */
  async finish(): Promise<void> {
    this.zip.end();
    await this.closed;
    if (this.failure) throw this.failure;
  }

  /** Renames the finished, verified file to its final name. */
  async commit(): Promise<void> {
    await fs.rename(this.tempPath, this.finalPath);
    const dir = await fs.open(dirname(this.finalPath), 'r').catch(() => undefined);
    await dir?.sync().catch(() => {});
    await dir?.close().catch(() => {});
  }

  /** Removes the partial file; safe to call more than once, and after a failure. */
  async discard(): Promise<void> {
    this.fail(new Error('discarded'));
    await this.closed?.catch(() => {});
    await fs.rm(this.tempPath, { force: true });
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.current?.destroy();
    this.zip.outputStream.unpipe();
    this.out?.destroy();
    this.rejectClosed?.(error);
  }
}
