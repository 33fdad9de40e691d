import { eventContract, type EventChannel, type EventPayload } from '../../preload/contract';
import type { Logger } from '../log';

/** Where events go: the window's webContents.send, behind a small interface so the hub runs without Electron. */
export interface EventTarget {
  send(channel: EventChannel, payload: unknown): void;
}

/** Events of these channels say "the state is now X": only the latest one waiting is worth delivering. */
const LATEST_ONLY = new Set<EventChannel>(['state:changed', 'sync:progress', 'limits:changed', 'accounts:changed', 'settings:changed']);
/** Others (a sync started or finished) are each worth telling, up to this many while nobody listens. */
const MAX_HELD = 50;

/**
 * Main to the window (docs/architecture.md, rule 5). Each payload is parsed by its contract schema before it leaves,
 * which also strips what the schema does not declare. Events sent while no window listens (before the renderer says
 * it is ready, or while the window is being made again) are held and delivered, in order, once it is.
 */
export class EventHub {
  private target: EventTarget | null = null;
  private held: Array<{ channel: EventChannel; payload: unknown }> = [];

  constructor(private readonly logger: Logger) {}

  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    const parsed = eventContract[channel].safeParse(payload);
    if (!parsed.success) {
      // A bug in main, not the window's problem: it is logged and the event dropped rather than sent malformed.
      this.logger.error('an event did not match its contract', { channel, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    if (this.target) {
      this.deliver(this.target, channel, parsed.data);
      return;
    }
    if (LATEST_ONLY.has(channel)) this.held = this.held.filter((e) => e.channel !== channel);
    this.held.push({ channel, payload: parsed.data });
    if (this.held.length > MAX_HELD) this.held.splice(0, this.held.length - MAX_HELD);
  }

  /** The window's renderer said it is listening. */
  ready(target: EventTarget): void {
    this.target = target;
    const held = this.held;
    this.held = [];
    for (const event of held) this.deliver(target, event.channel, event.payload);
  }

  /** The window went away (closed, or its page reloads): hold events until a renderer is ready again. */
  detach(target?: EventTarget): void {
    if (!target || this.target === target) this.target = null;
  }

  private deliver(target: EventTarget, channel: EventChannel, payload: unknown): void {
    try {
      target.send(channel, payload);
    } catch (error) {
      // The window was destroyed between two events: keep this one for the next window.
      this.target = null;
      this.held.push({ channel, payload });
      this.logger.warn('an event could not be delivered; it is held for the next window', { channel, error: String(error) });
    }
  }
}
