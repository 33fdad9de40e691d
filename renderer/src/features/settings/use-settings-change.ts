import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../../preload/payloads';
import { useLive } from '../../bridge/live';
import { BridgeError, splits, unwrap } from '../../bridge/splits';

export type SettingKey = keyof Settings;

export interface SettingsChange {
  /** What is shown: main's settings, with the changes on their way over them (a control does not flick back). */
  shown: Settings | null;
  /** Main's refusal, per setting. */
  refused: Partial<Record<SettingKey, string>>;
  change: <K extends SettingKey>(key: K, value: Settings[K]) => void;
}

/**
 * Sends each change at once and shows what main answers as the saved state; a refusal (bad-request) is kept beside
 * the setting. Changes from elsewhere (the tray's Pause, another window) arrive with settings:changed.
 */
export function useSettingsChange(): SettingsChange {
  const live = useLive();
  const [answered, setAnswered] = useState<Settings | null>(null);
  const [pending, setPending] = useState<Partial<Settings>>({});
  const [refused, setRefused] = useState<SettingsChange['refused']>({});
  // A newer event from main is the truth over an older answer.
  useEffect(() => setAnswered(null), [live.settings]);

  const change = useCallback(<K extends SettingKey>(key: K, value: Settings[K]) => {
    setPending((p) => ({ ...p, [key]: value }));
    setRefused((r) => ({ ...r, [key]: undefined }));
    unwrap(splits().settings.set({ [key]: value }))
      .then(
        (saved) => setAnswered(saved),
        (e: unknown) => setRefused((r) => ({ ...r, [key]: e instanceof BridgeError ? e.message : String(e) })),
      )
      .finally(() =>
        setPending((p) => {
          const rest = { ...p };
          delete rest[key];
          return rest;
        }),
      );
  }, []);

  const saved = answered ?? live.settings;
  const shown = saved ? { ...saved, ...pending } : null;
  return { shown, refused, change };
}
