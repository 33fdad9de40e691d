import { eventContract, type EventChannel, type EventPayload } from '../../preload/contract';
import type { Logger } from '../log';
import type { PathScrubber } from './without-paths';

/** The window's page once it said it is listening: its webContents.send, behind a small interface so the hub runs without Electron. */
export interface ListeningPage {
  send(channel: EventChannel, payload: unknown): void;
}

/** Events of these channels say "the state is now X": only the latest one waiting is worth delivering. */
const LATEST_ONLY = new Set<EventChannel>([
  'state:changed',
  'sync:progress',
  'limits:changed',
  'accounts:changed',
  'settings:changed',
]);
/** Others (a sync started or finished) are each worth telling, up to this many while nobody listens. */
const MAX_HELD = 50;

/**
 * Main's events to the window. Each payload is parsed by its schema in the contract (preload/contract.ts's
 * eventContract) before it leaves, which also strips what the schema does not declare, and names no file: the files
 * under the known roots are said in words (by the scrubber the IPC results go through too). Events sent while no page
 * listens (before the renderer says it is ready, while it reloads, or while the window is made again) are held and
 * delivered once one does: the latest of each state-like channel, and the last 50 of the others, in the order held.
 */
export class EventHub {
  private page: ListeningPage | null = null;
  private held: Array<{ channel: EventChannel; payload: unknown }> = [];

  constructor(
    private readonly logger: Logger,
    /** The door's: the window's IPC results are scrubbed by the same one (ipc-handlers.ts). */
    readonly scrub: PathScrubber,
  ) {}

  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    const parsed = eventContract[channel].safeParse(payload);
    if (!parsed.success) {
      // A bug in main, not the window's problem: it is logged and the event dropped rather than sent malformed.
      this.logger.error('an event did not match its contract', {
        channel,
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      return;
    }
    const payloadOut = this.scrub.value(parsed.data);
    if (this.page) {
      this.deliver(this.page, channel, payloadOut);
      return;
    }
    if (LATEST_ONLY.has(channel)) this.held = this.held.filter((e) => e.channel !== channel);
    this.held.push({ channel, payload: payloadOut });
    if (this.held.length > MAX_HELD) this.held.splice(0, this.held.length - MAX_HELD);
  }

  /** The window's renderer said it is listening. */
  ready(page: ListeningPage): void {
    this.page = page;
    const held = this.held;
    this.held = [];
    for (const event of held) this.deliver(page, event.channel, event.payload);
  }

  /** The window went away (closed, or its page reloads): hold events until a renderer is ready again. */
  detach(page?: ListeningPage): void {
    if (!page || this.page === page) this.page = null;
  }

  private deliver(page: ListeningPage, channel: EventChannel, payload: unknown): void {
    try {
      page.send(channel, payload);
    } catch (error) {
      // The window was destroyed between two events: keep this one for the next window.
      this.page = null;
      this.held.push({ channel, payload });
      this.logger.warn('an event could not be delivered; it is held for the next window', {
        channel,
        error: String(error),
      });
    }
  }
}
