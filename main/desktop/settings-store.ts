import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Options as StoreOptions } from 'electron-store';
import { z } from 'zod';
import { SettingsError } from './settings-error';
import { asideName, isLinkSync, LINK_REASON } from '../store/no-follow';
import { DEFAULT_SETTINGS, settingsPatchSchema, settingsSchema, type Settings } from '../../preload/payloads';

const FILE_NAME = 'settings';

/** A settings file Splits could not use, which the defaults replaced. */
export interface SettingsSetAside {
  /** Where the file went (for the log), or null when it could not be moved: it stays, and nothing is written over it. */
  aside: string | null;
  /** What was wrong: a setting and its rule, or the kind of fault; never anything quoted from the file. */
  reason: string;
}

/**
 * The keeper of the file: electron-store in the app (main/desktop/electron/settings-file.ts), or its core, `conf`, in
 * plain Node. Either reads the file (and checks it against the schema) at every get of `store`, and writes it whole
 * at every set.
 */
export interface SettingsFile {
  store: Settings;
}

/** How SettingsStore opens its file: a name and a folder of its own, so the keeper never picks one. */
export type SettingsFileOptions = StoreOptions<Settings> & { name: string; cwd: string };
export type OpenSettingsFile = (options: SettingsFileOptions) => SettingsFile;

/** Where the desktop core reads and changes settings. */
export interface SettingsSource {
  get(): Settings;
  /** Parses the change, stores it, and returns the settings now in force; throws SettingsError for a bad value. */
  set(patch: unknown): Settings;
  /** Told once each time a bad file is found (at the first read, or after an edit by hand) and the defaults replace it. */
  onSetAside(listener: (setAside: SettingsSetAside) => void): () => void;
}

/**
 * The desktop app's settings in electron-store, with a JSON schema (from the same zod schema the bridge checks), a
 * private file, and every change parsed before it is written: a bad value is refused with a message and never stored.
 * A file that fails the schema or does not parse (edited by hand, by an older Splits) is set aside as
 * `settings.corrupt-<time>.json`, named as the store names its own (`asideName`), and the defaults start again: at the first read and whenever a read finds it so later,
 * since electron-store reads the file at every get and a hand edit shows at the next one.
 */
export class SettingsStore implements SettingsSource {
  /** Made at the first read (electron-store reads the file as it is made), so that listeners hear of a bad file at start. */
  private store: SettingsFile | null = null;
  private readonly listeners = new Set<(setAside: SettingsSetAside) => void>();
  /** The file is bad and could not be moved: the defaults apply in memory, and no change is written over it. */
  private stuck: SettingsSetAside | null = null;

  private constructor(
    private readonly dir: string,
    private readonly file: OpenSettingsFile,
    private readonly now: () => number,
  ) {}

  /** `file` opens the keeper (electron-store in the app); `now` stamps the name a bad file is set aside under. */
  static open(dir: string, { file, now = Date.now }: { file: OpenSettingsFile; now?: () => number }): SettingsStore {
    return new SettingsStore(dir, file, now);
  }

  get(): Settings {
    // A link in the file's place is never followed (electron-store would read another application's file, and write
    // and chmod it through the link): it is set aside like a bad file. set() writes right after this get().
    if (isLinkSync(join(this.dir, `${FILE_NAME}.json`))) return this.startAgain(LINK_REASON);
    try {
      const settings = read((this.store ??= this.openFile()));
      this.stuck = null;
      return settings;
    } catch (error) {
      return this.startAgain(describeFault(error));
    }
  }

  /** Parses the change first: nothing is written unless every value in it is good. */
  set(patch: unknown): Settings {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new SettingsError(describe(parsed.error));
    // A setting given as undefined (the window's structured clone keeps such keys) is one not being changed: stored, it
    // would be refused by electron-store as not JSON, after the change had been accepted.
    const given = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
    const next = { ...this.get(), ...given };
    if (this.stuck) {
      throw new SettingsError(
        `Your settings file cannot be used (${this.stuck.reason}) and could not be moved aside, so nothing was changed. Fix or remove settings.json in Splits' data folder, then try again.`,
      );
    }
    // The whole object, without reading the file again: what was just read is what the change applies to.
    this.store!.store = next;
    return next;
  }

  onSetAside(listener: (setAside: SettingsSetAside) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The file in force cannot be used: it is moved aside and the defaults written in its place, and listeners told. */
  private startAgain(reason: string): Settings {
    const path = join(this.dir, `${FILE_NAME}.json`);
    const aside = freeAsideName(path, this.now());
    try {
      renameSync(path, aside);
    } catch {
      // Another program holds the file (Windows), or the folder refuses: it is kept as it is, and told once (not at
      // every read) until a read finds it good again.
      if (!this.stuck) this.tell((this.stuck = { aside: null, reason }));
      return { ...DEFAULT_SETTINGS };
    }
    this.stuck = null;
    // Made again on the missing file, electron-store writes the defaults.
    this.store = this.openFile();
    this.tell({ aside, reason });
    return read(this.store);
  }

  private openFile(): SettingsFile {
    const { properties } = z.toJSONSchema(settingsSchema) as { properties: SettingsFileOptions['schema'] };
    return this.file({
      name: FILE_NAME,
      cwd: this.dir,
      defaults: DEFAULT_SETTINGS,
      ...(properties ? { schema: properties } : {}),
      configFileMode: 0o600,
      clearInvalidConfig: false,
    });
  }

  private tell(setAside: SettingsSetAside): void {
    for (const listener of this.listeners) listener(setAside);
  }
}

function read(store: SettingsFile): Settings {
  // electron-store reads the file on every get, and checks it against the schema.
  return settingsSchema.parse({ ...DEFAULT_SETTINGS, ...store.store });
}

/** The store's aside name for the file, never one already there (two bad files in one millisecond keep both). */
function freeAsideName(path: string, at: number): string {
  const aside = asideName(path, at);
  for (let n = 2, free = aside; ; n++) {
    if (!existsSync(free)) return free;
    free = aside.replace(/\.json$/, `-${n}.json`);
  }
}

/**
 * Why a file cannot be used, in words that quote nothing of it: JSON.parse's message holds the text around the fault
 * (a token could be there), and Node's file errors hold the path. electron-store's schema messages name only our own
 * settings and their rules.
 */
function describeFault(error: unknown): string {
  if (error instanceof SyntaxError) return 'it is not valid JSON';
  if (error instanceof z.ZodError) return describe(error);
  const message = error instanceof Error ? error.message : '';
  const violation = /^Config schema violation: (.*)$/s.exec(message);
  if (violation) {
    return violation[1]!
      .split('; ')
      .map((part) => part.replace(/^`([^`]*)` /, (_, key: string) => (key ? `${key} ` : 'the file ')))
      .join('; ');
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? `it could not be read (${code})` : 'it could not be read';
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
