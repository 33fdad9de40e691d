import { renameSync } from 'node:fs';
import { join } from 'node:path';
import Store from 'electron-store';
import { z } from 'zod';
import { SettingsError } from './settings-error';
import { DEFAULT_SETTINGS, settingsPatchSchema, settingsSchema, type Settings } from '../../preload/payloads';

const FILE_NAME = 'settings';

/** Where the desktop core reads and changes settings. */
export interface SettingsSource {
  get(): Settings;
  /** Parses the change, stores it, and returns the settings now in force; throws SettingsError for a bad value. */
  set(patch: unknown): Settings;
}

/**
 * The desktop app's settings in electron-store, with a JSON schema (from the same zod schema the bridge checks), a
 * private file, and every change parsed before it is written: a bad value is refused with a message and never stored.
 * A file that fails the schema (edited by hand, or by an older Splits) is set aside and the defaults start again.
 */
export class SettingsStore implements SettingsSource {
  private constructor(private readonly store: Store<Settings>) {}

  static open(dir: string, onProblem: (message: string) => void = () => undefined): SettingsStore {
    try {
      return new SettingsStore(createStore(dir));
    } catch (error) {
      const path = join(dir, `${FILE_NAME}.json`);
      const aside = join(dir, `${FILE_NAME}.corrupt-${Date.now()}.json`);
      renameSync(path, aside);
      onProblem(`The settings file could not be read (${error instanceof Error ? error.message : String(error)}). It was set aside as ${aside}, and the default settings apply.`);
      return new SettingsStore(createStore(dir));
    }
  }

  get(): Settings {
    // electron-store reads the file on every get, and checks it against the schema.
    return settingsSchema.parse({ ...DEFAULT_SETTINGS, ...this.store.store });
  }

  /** Parses the change first: nothing is written unless every value in it is good. */
  set(patch: unknown): Settings {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new SettingsError(describe(parsed.error));
    // A setting given as undefined (the window's structured clone keeps such keys) is one not being changed: stored, it
    // would be refused by electron-store as not JSON, after the change had been accepted.
    const given = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
    const next = { ...this.get(), ...given };
    this.store.set(next);
    return next;
  }
}

function createStore(dir: string): Store<Settings> {
  const { properties } = z.toJSONSchema(settingsSchema) as { properties: NonNullable<ConstructorParameters<typeof Store<Settings>>[0]>['schema'] };
  return new Store<Settings>({
    name: FILE_NAME,
    cwd: dir,
    defaults: DEFAULT_SETTINGS,
    ...(properties ? { schema: properties } : {}),
    configFileMode: 0o600,
    clearInvalidConfig: false,
  });
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return `Splits has no setting named ${issue.keys.join(', ')}.`;
      return key ? `${key}: ${issue.message}` : issue.message;
    })
    .join(' ');
}
