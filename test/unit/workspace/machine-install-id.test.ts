import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineInstallId } from '../../../main/services/workspace/machine-install-id';
import { tempDir } from '../helpers/services';

describe('the machine install id', () => {
  it('is stable for a machine, differs between machines, never holds the raw id, and is absent without one', () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    writeFileSync(a, '3d1219c7a2b94f0e8c6d5e4f3a2b1c0d\n');
    writeFileSync(b, '00000000000000000000000000000001\n');
    expect(machineInstallId([a])).toBe(machineInstallId([a]));
    expect(machineInstallId([a])).toMatch(/^machine-[0-9a-f]{32}$/);
    expect(machineInstallId([a])).not.toContain('3d1219c7');
    expect(machineInstallId([b])).not.toBe(machineInstallId([a]));
    expect(machineInstallId([join(dir, 'missing'), b])).toBe(machineInstallId([b]));
    expect(machineInstallId([join(dir, 'missing')])).toBeUndefined();
  });
});
