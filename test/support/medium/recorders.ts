import type { SecurityEventInput, AuditEventType } from '@identsphere/audit';
import type { MailKind, MailMessage } from '@identsphere/mail';
import { CommittedLog } from './committed-log';

/** Stands in for Mailer: keeps every committed MailMessage instead of writing a sealed outbox row. */
export class MailRecorder {
  readonly log = new CommittedLog<MailMessage>();

  async enqueue(message: MailMessage): Promise<void> {
    this.log.add(message);
  }

  /** Every committed mail, oldest first. */
  get sent(): readonly MailMessage[] {
    return this.log.entries;
  }

  /** Mails to one address, optionally of one kind. */
  to(address: string, kind?: MailKind): MailMessage[] {
    return this.sent.filter((m) => m.to === address && (kind === undefined || m.kind === kind));
  }

  /** The token of the latest committed mail of this kind to the address (verify, reset, change links). */
  tokenOf(address: string, kind: 'verify-email' | 'reset-password' | 'change-email'): string {
    const mail = this.to(address, kind).at(-1);
    if (!mail || !('token' in mail)) throw new Error(`no ${kind} mail was committed for ${address}`);
    return mail.token;
  }
}

/** Stands in for AuditLog: keeps every committed security event instead of writing security_events. */
export class AuditRecorder {
  readonly log = new CommittedLog<SecurityEventInput>();

  async record(event: SecurityEventInput): Promise<void> {
    this.log.add(event);
  }

  /** Every committed event, oldest first. */
  get events(): readonly SecurityEventInput[] {
    return this.log.entries;
  }

  /** The events of one user, optionally of one type. */
  of(userId: string, type?: AuditEventType): SecurityEventInput[] {
    return this.events.filter((e) => e.userId === userId && (type === undefined || e.type === type));
  }

  /** The types recorded for one user, in order: reads well in `toEqual([...])`. */
  typesOf(userId: string): AuditEventType[] {
    return this.of(userId).map((e) => e.type);
  }
}
