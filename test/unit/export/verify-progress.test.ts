import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { Services } from '../../../main/services/create-services';
import { createTestWorkspace, refusal } from '../helpers/services';
import { addLargeDocuments } from './scenario';
import { formatBytes } from '../../../shared/util/format-bytes';

type Progress = EventPayload<'progress'>;
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('verify from the app: progress and cancel', () => {
  const events: Progress[] = [];
  /** Runs on each progress event as main emits it (a test cancels from here, at an exact point). */
  let onEvent: (p: Progress) => void = () => {};
  let services: Services;
  let bundle: string;

  beforeAll(async () => {
    const ctx = await createTestWorkspace({
      adapters: {
        emit: (event, payload) => {
          if (event !== 'progress') return;
          events.push(payload as Progress);
          onEvent(payload as Progress);
        },
      },
    });
    services = ctx.services;
    // Random bytes: the bundle's evidence does not deflate, so verify hashes about 32 MB.
    await addLargeDocuments(services.workspaces.require().evidence, 4, 8, () => randomBytes(8 * 1024 * 1024));
    bundle = join(dirname(ctx.folder), 'bundle.zip');
    await services.exports.run({ outPath: bundle });
  }, 180_000);
  afterAll(() => services.workspaces.close());

  const verifyEvents = () => events.filter((e) => e.task === 'verify');

  it('reports files and bytes as it checks; the share done only grows and the last event is the whole', async () => {
    events.length = 0;
    const report = await services.exports.verify(bundle);
    expect(report.ok).toBe(true);
    const seen = verifyEvents();
    expect(seen.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
      expect(seen[i]!.done / seen[i]!.total).toBeGreaterThanOrEqual(seen[i - 1]!.done / seen[i - 1]!.total);
    }
    for (const e of seen) expect(e.done).toBeLessThanOrEqual(e.total);
    const last = seen.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(last.done).toBe(report.bytes);
    expect(last.message).toBe(
      `Checking ${report.files} of ${report.files} files, ${formatBytes(report.bytes)} of ${formatBytes(report.bytes)}`,
    );
  });

  it('Cancel stops the hashing mid-way: CANCELLED, nothing was changed, and verify works again after', async () => {
    const before = { sha: sha(bundle), files: readdirSync(dirname(bundle)).sort() };
    events.length = 0;
    let cancelledAt = -1;
    onEvent = (p) => {
      // Cancel once a first evidence file is being hashed, well before the end.
      if (p.task === 'verify' && cancelledAt < 0 && p.done > 4 * 1024 * 1024) {
        cancelledAt = p.done;
        expect(services.exports.cancelVerify()).toEqual({ cancelled: true });
      }
    };
    const error = await refusal(services.exports.verify(bundle));
    onEvent = () => {};
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toBe('Verification cancelled — nothing was changed.');
    const seen = verifyEvents();
    expect(cancelledAt).toBeGreaterThan(0);
    // Nothing more was reported after the cancel: the hashing stopped at the next chunk.
    expect(seen.at(-1)!.done).toBe(cancelledAt);
    expect(cancelledAt).toBeLessThan(seen.at(-1)!.total);
    expect(services.exports.cancelVerify()).toEqual({ cancelled: false });
    expect({ sha: sha(bundle), files: readdirSync(dirname(bundle)).sort() }).toEqual(before);
    expect((await services.exports.verify(bundle)).ok).toBe(true);
  });
});
