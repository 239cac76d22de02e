import Store from 'electron-store';
import { Preferences, type PreferencesStore } from '../services/preferences/preferences';

/** Preferences in userData through electron-store (atomic writes, invalid content reset). */
export function createElectronPreferences(): PreferencesStore {
  const store = new Store<{ preferences: Preferences }>({ name: 'preferences', clearInvalidConfig: true });
  return {
    read: () => {
      const parsed = Preferences.safeParse(store.get('preferences'));
      return parsed.success ? parsed.data : Preferences.parse({});
    },
    write: (next) => store.set('preferences', Preferences.parse(next)),
  };
}
