// powerMonitor: an event emitter the test drives (suspend, resume, lock...), and idle state it can set.
import { EventEmitter } from 'node:events';
import type { Slice } from './electron-types';
import { electronEvent } from './events';

type PowerKeys = 'getSystemIdleState' | 'getSystemIdleTime' | 'isOnBatteryPower' | 'getCurrentThermalState';

export class StandinPowerMonitor extends EventEmitter implements Slice<Electron.PowerMonitor, PowerKeys> {
  idleSeconds = 0;
  onBattery = false;

  getSystemIdleState(idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    return this.idleSeconds >= idleThreshold ? 'idle' : 'active';
  }

  getSystemIdleTime(): number {
    return this.idleSeconds;
  }

  isOnBatteryPower(): boolean {
    return this.onBattery;
  }

  getCurrentThermalState(): 'unknown' {
    return 'unknown';
  }

  /** The computer goes to sleep. */
  suspend(): void {
    this.emit('suspend', electronEvent());
  }

  /** The computer wakes. */
  resume(): void {
    this.emit('resume', electronEvent());
  }
}
