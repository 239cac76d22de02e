import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Preferences, type PreferencesStore } from './preferences';

/**
 * Preferences in a plain JSON file, for the CLI and the UI test harness (the app uses
 * electron-store). Invalid content falls back to defaults, as electron-store's
 * `clearInvalidConfig` does, because preferences hold nothing that cannot be re-entered.
 */
export class JsonFilePreferences implements PreferencesStore {
  constructor(private readonly path: string) {}

  read(): Preferences {
    try {
      return Preferences.parse(JSON.parse(readFileSync(this.path, 'utf8')));
    } catch {
      return Preferences.parse({});
    }
  }

  write(next: Preferences): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(Preferences.parse(next), null, 2));
    renameSync(tmp, this.path);
  }
}
