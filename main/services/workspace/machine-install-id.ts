import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const MACHINE_ID_FILES = ['/etc/machine-id', '/var/lib/dbus/machine-id'];

/**
 * A stable install id for a process that keeps no preferences (the CLI), derived from the
 * machine's own id where the OS has one (Linux), so a lock left by a crashed run is recognised
 * as this machine's by the next run. Hashed: the raw machine id is not written into locks.
 * Undefined elsewhere; such a run then asks before taking over a stale lock.
 */
export function machineInstallId(files: readonly string[] = MACHINE_ID_FILES): string | undefined {
  for (const file of files) {
    try {
      const id = readFileSync(file, 'utf8').trim();
      if (id) return `machine-${createHash('sha256').update(`audit-workbench:${id}`).digest('hex').slice(0, 32)}`;
    } catch {
      // Not on this OS, or not readable: try the next.
    }
  }
  return undefined;
}
