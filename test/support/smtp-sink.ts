import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the sink received it, decoded enough for assertions. */
export interface ReceivedMail {
  readonly envelopeTo: readonly string[];
  readonly to: string;
  readonly subject: string;
  readonly messageId: string;
  /** X-IdentSphere-Mail-Kind: verify-email, reset-password, change-email, password-changed, email-changed. */
  readonly kind: string;
  readonly text: string;
  readonly html: string;
  readonly raw: string;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps every message it accepts.
 * `stop()` and `restart()` simulate a relay outage on the same port.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private constructor(public port: number) {}

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink(0);
    await sink.listen();
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Mails whose envelope names this address. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  }

  async waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs = 20_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching mail within ${timeoutMs} ms (received ${this.received.length})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The first mail of `kind` to `address` that arrives after the first `skip` such mails. */
  waitForMail(address: string, kind: string, skip = 0, timeoutMs?: number): Promise<ReceivedMail> {
    return this.waitFor(() => this.to(address).filter((m) => m.kind === kind).length > skip, timeoutMs).then(
      () => this.to(address).filter((m) => m.kind === kind)[skip],
    );
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port (after stop()). */
  restart(): Promise<void> {
    return this.listen();
  }

  private async listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1_000,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.received.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address.toLowerCase())));
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }
}

type Headers = Record<string, string>;

function parseMail(raw: string, envelopeTo: string[]): ReceivedMail {
  const [head, body] = splitHeadAndBody(raw);
  const headers = parseHeaders(head);
  const parts: Array<{ type: string; content: string }> = [];
  collectParts(headers, body, parts);
  return {
    envelopeTo,
    to: headers['to'] ?? '',
    subject: headers['subject'] ?? '',
    messageId: headers['message-id'] ?? '',
    kind: headers['x-identsphere-mail-kind'] ?? '',
    text: parts.find((p) => p.type === 'text/plain')?.content ?? '',
    html: parts.find((p) => p.type === 'text/html')?.content ?? '',
    raw,
  };
}

function splitHeadAndBody(raw: string): [string, string] {
  const match = /\r?\n\r?\n/.exec(raw);
  return match ? [raw.slice(0, match.index), raw.slice(match.index + match[0].length)] : [raw, ''];
}

function parseHeaders(head: string): Headers {
  const headers: Headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function collectParts(headers: Headers, body: string, out: Array<{ type: string; content: string }>): void {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const section of body.split(`--${boundary}`).slice(1)) {
      if (section.startsWith('--')) break;
      const [partHead, partBody] = splitHeadAndBody(section.replace(/^\r?\n/, ''));
      collectParts(parseHeaders(partHead), partBody, out);
    }
    return;
  }
  out.push({ type: type.split(';')[0].trim().toLowerCase(), content: decodeBody(body, headers['content-transfer-encoding'] ?? '7bit') });
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const unwrapped = body.replace(/=\r?\n/g, '');
      const bytes: number[] = [];
      for (let i = 0; i < unwrapped.length; i++) {
        const hex = unwrapped[i] === '=' ? /^[0-9A-F]{2}$/i.exec(unwrapped.slice(i + 1, i + 3)) : null;
        if (hex) {
          bytes.push(parseInt(hex[0], 16));
          i += 2;
        } else {
          bytes.push(...Buffer.from(unwrapped[i], 'utf8'));
        }
      }
      return Buffer.from(bytes).toString('utf8');
    }
    default:
      return body;
  }
}
