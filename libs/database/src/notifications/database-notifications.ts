import { Injectable, Logger } from '@nestjs/common';

/** What a lib that keeps state derived from the database hears on one channel. */
export interface ChannelSubscriber {
  /** A payload announced on the channel: by NOTIFY from any instance, or by a NOTICE on one of our own connections. */
  message(payload: string): void;
  /** Announcements may have been missed (the listener lost its connection, or has just reconnected): forget everything. */
  reset(): void;
}

/**
 * PostgreSQL's announcements, fanned out in process. Two sources feed it: the listener connection
 * (LISTEN, one per instance: announcements of every instance, after their commit) and the pool's own
 * connections, which report a NOTICE `<channel>:<payload>` raised by a statement they ran (this instance's
 * own change, before its transaction even commits). `isListening` says whether announcements of every
 * instance arrive now; while it is false, a subscriber must not trust what it derived.
 */
@Injectable()
export class DatabaseNotifications {
  private readonly logger = new Logger('DatabaseNotifications');
  private readonly subscribers = new Map<string, ChannelSubscriber[]>();
  private listening = false;

  get isListening(): boolean {
    return this.listening;
  }

  get channels(): string[] {
    return [...this.subscribers.keys()];
  }

  subscribe(channel: string, subscriber: ChannelSubscriber): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
    this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), subscriber]);
  }

  /** Called by the listener when its channels start (true) or stop (false) being heard. Either way the subscribers forget: what they derived while deaf may be stale, and so may what they held before. */
  setListening(listening: boolean): void {
    this.listening = listening;
    for (const subscriber of [...this.subscribers.values()].flat()) this.safely(() => subscriber.reset());
  }

  deliver(channel: string, payload: string): void {
    for (const subscriber of this.subscribers.get(channel) ?? []) this.safely(() => subscriber.message(payload));
  }

  /** A NOTICE from one of the pool's connections: `<channel>:<payload>` for a subscribed channel, anything else ignored. */
  deliverNotice(message: string | undefined): void {
    const colon = message?.indexOf(':') ?? -1;
    const channel = message?.slice(0, Math.max(colon, 0));
    if (!message || !channel || !this.subscribers.has(channel)) return;
    this.deliver(channel, message.slice(colon + 1));
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.logger.error(`notification subscriber failed: ${(error as Error).message}`);
    }
  }
}
