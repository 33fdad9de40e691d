import { OpenLogFolderButton } from '../log/log-folder';
import { MapSettings } from '../maps/map-settings';
import { TrainingSettings } from '../stats/training-settings';
import { ChoiceSetting } from './choice-setting';
import { IntervalSetting } from './interval-setting';
import { ToggleSetting } from './toggle-setting';
import { useSettingsChange } from './use-settings-change';
import './settings.css';

/** Every setting of the desktop app, each applied by main as soon as it is changed. */
export function SettingsView() {
  const { shown, refused, change } = useSettingsChange();
  if (!shown) {
    return (
      <section aria-labelledby="settings-title" className="settings">
        <h2 id="settings-title">Settings</h2>
        <p className="muted" role="status">
          Loading settings…
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="settings-title" className="settings">
      <h2 id="settings-title">Settings</h2>
      <p className="muted">Changes apply at once.</p>

      <h3>Syncing</h3>
      <ToggleSetting
        label="Sync in the background"
        hint="Splits syncs on a timer while it runs (in the tray). Off is the same as Pause in the tray menu."
        checked={shown.backgroundSync}
        refused={refused.backgroundSync}
        onChange={(v) => change('backgroundSync', v)}
      />
      <IntervalSetting
        saved={shown.syncIntervalMinutes}
        refused={refused.syncIntervalMinutes}
        onChange={(v) => change('syncIntervalMinutes', v)}
      />
      <ToggleSetting
        label="Sync when Splits starts"
        hint="A quick pass each time Splits starts."
        checked={shown.syncAtLaunch}
        refused={refused.syncAtLaunch}
        onChange={(v) => change('syncAtLaunch', v)}
      />
      <ToggleSetting
        label="Fetch tracks"
        hint="Each activity's recorded track (route, times, heart rate, power) from Strava, in the background: one more request per activity, from what the rate limit leaves. A track from your imported archive is kept."
        checked={shown.fetchTracks}
        refused={refused.fetchTracks}
        onChange={(v) => change('fetchTracks', v)}
      />

      <h3>Splits on this computer</h3>
      <ToggleSetting
        label="Start Splits when I log in"
        hint="It starts in the tray, without opening the window."
        checked={shown.launchAtLogin}
        refused={refused.launchAtLogin}
        onChange={(v) => change('launchAtLogin', v)}
      />
      <ToggleSetting
        label="Notifications"
        hint="New activities after a sync, and problems that need you."
        checked={shown.notifications}
        refused={refused.notifications}
        onChange={(v) => change('notifications', v)}
      />
      <ToggleSetting
        label="Keep running in the tray when the window is closed"
        hint="Off: closing the window quits Splits, and background sync stops with it."
        checked={shown.closeToTray}
        refused={refused.closeToTray}
        onChange={(v) => change('closeToTray', v)}
      />

      <h3>Display</h3>
      <ChoiceSetting
        legend="Units"
        value={shown.units}
        options={[
          { value: 'metric', label: 'Metric (km, m)' },
          { value: 'imperial', label: 'Imperial (mi, ft)' },
        ]}
        refused={refused.units}
        onChange={(v) => change('units', v)}
      />
      <ChoiceSetting
        legend="Theme"
        value={shown.theme}
        options={[
          { value: 'system', label: "The system's" },
          { value: 'light', label: 'Light' },
          { value: 'dark', label: 'Dark' },
        ]}
        refused={refused.theme}
        onChange={(v) => change('theme', v)}
      />

      <MapSettings shown={shown} refused={refused} change={change} />

      <TrainingSettings shown={shown} refused={refused.training} change={(t) => change('training', t)} />

      <h3>When something goes wrong</h3>
      <div className="settings-log">
        <OpenLogFolderButton />
        <p className="settings-hint">
          Splits writes what it does, and the details of what went wrong, in a log file there. The tray menu opens it
          too.
        </p>
      </div>
    </section>
  );
}
