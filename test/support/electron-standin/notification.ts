// Notification: each one shown is kept (its options and the object), so a test reads it and clicks it.
import { EventEmitter } from 'node:events';
import type { Slice } from './electron-types';
import { electronEvent } from './events';
import type { Hub } from './hub';

type NotificationKeys = 'show' | 'close' | 'title' | 'subtitle' | 'body' | 'silent' | 'urgency' | 'timeoutType';

export function defineNotification(hub: Hub) {
  /** Shown notifications, oldest first. */
  const shown: StandinNotification[] = [];

  class StandinNotification extends EventEmitter implements Slice<Electron.Notification, NotificationKeys> {
    title: string;
    subtitle: string;
    body: string;
    silent: boolean;
    urgency: Electron.Notification['urgency'];
    timeoutType: Electron.Notification['timeoutType'];
    readonly options: Electron.NotificationConstructorOptions;
    closed = false;

    constructor(options: Electron.NotificationConstructorOptions = {}) {
      super();
      this.options = options;
      this.title = options.title ?? '';
      this.subtitle = options.subtitle ?? '';
      this.body = options.body ?? '';
      this.silent = options.silent ?? false;
      this.urgency = options.urgency ?? 'normal';
      this.timeoutType = options.timeoutType ?? 'default';
    }

    static isSupported(): boolean {
      return true;
    }

    show(): void {
      if (!hub.alive('Notification.show')) return;
      shown.push(this);
      this.emit('show', electronEvent());
    }

    close(): void {
      this.closed = true;
      this.emit('close', electronEvent());
    }

    /** The person clicked it. */
    click(): void {
      this.emit('click', electronEvent());
    }
  }
  const _statics: (new (options?: Electron.NotificationConstructorOptions) => unknown) &
    Pick<typeof Electron.Notification, 'isSupported'> = StandinNotification;
  return { Notification: StandinNotification, shown };
}

export type StandinNotification = InstanceType<ReturnType<typeof defineNotification>['Notification']>;
