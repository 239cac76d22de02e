import { randomBytes } from 'node:crypto';
import { deflateSync, crc32 } from 'node:zlib';
import { CONTROLS } from '../../shared/catalog';
import type { ControlDef } from '../../shared/catalog/types';

export const CONTROL_COUNT = 150;

/** The built-in catalog plus the company's own controls, up to 150. */
export function benchCatalog(): ControlDef[] {
  const owned = CONTROLS.filter((c) => c.responsibility === 'owned' && c.category === 'security');
  const extra = Array.from({ length: CONTROL_COUNT - CONTROLS.length }, (_, i): ControlDef => {
    const base = owned[i % owned.length]!;
    return { ...base, id: `custom-control-${i + 1}`, title: `${base.title} (team ${i + 1})` };
  });
  return [...CONTROLS, ...extra];
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A valid RGB PNG of random pixels: incompressible like a busy screenshot, and quick to make
 * (the IDAT is stored, not deflated). Each call gives different content, so a different hash.
 */
export function randomPng(width: number, height: number): Buffer {
  const row = width * 3 + 1;
  const raw = randomBytes(row * height);
  for (let y = 0; y < height; y++) raw[y * row] = 0;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 0 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An API snapshot of about `bytes` bytes, compressible like real JSON. */
export function snapshotJson(i: number, bytes: number): string {
  const users: unknown[] = [];
  let size = 0;
  for (let u = 0; size < bytes; u++) {
    const user = {
      UserName: `user-${i}-${u}`,
      Arn: `arn:aws:iam::111122223333:user/user-${i}-${u}`,
      CreateDate: '2025-03-01T10:00:00Z',
      PasswordLastUsed: '2026-12-01T08:00:00Z',
      MfaActive: u % 7 !== 0,
      Tags: [{ Key: 'team', Value: `t${u % 13}` }],
    };
    users.push(user);
    size += 230;
  }
  return JSON.stringify({ Users: users, IsTruncated: false }, null, 1);
}
