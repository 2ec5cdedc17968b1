import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { SignedHeaders } from '../webhook-signature';
import { WebhookTargetPolicy } from './webhook-target-policy';

export interface WebhookRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: SignedHeaders;
}

/** A failed attempt, with a code fit for logs and the delivery row: `timeout`, `http_503`, `ECONNREFUSED`… */
export class WebhookAttemptError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// A receiver answers "accepted" or not; its body is read only to free the socket, never stored.
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * One POST to a receiver. The host is resolved and checked by the target policy right before connecting,
 * and the connection is pinned to exactly those addresses (a custom `lookup`), so a DNS answer cannot
 * change between the check and the connect (rebinding). Redirects are not followed (a 3xx is a failed
 * attempt): a redirect could point anywhere. The whole attempt, connect to last byte, has one deadline.
 */
export class WebhookHttpSender {
  constructor(
    private readonly policy: WebhookTargetPolicy,
    private readonly timeoutMs: number,
  ) {}

  async send(req: WebhookRequest, signal: AbortSignal): Promise<number> {
    const url = this.policy.parse(req.url);
    const addresses = await this.policy.addressesOf(url);
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) return (callback as (e: null, a: typeof addresses) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    };
    return this.post(url, req, pinned, signal);
  }

  private post(url: URL, req: WebhookRequest, lookup: LookupFunction, signal: AbortSignal): Promise<number> {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const outgoing = request(url, {
        method: 'POST',
        lookup,
        signal,
        agent: false,
        headers: { 'content-type': 'application/json', 'user-agent': 'IdentSphere-Webhooks/1', ...req.headers, 'content-length': Buffer.byteLength(req.body) },
      });
      const timeout = new WebhookAttemptError('timeout', `no complete answer within ${this.timeoutMs} ms`);
      let timedOut = false;
      const deadline = setTimeout(() => {
        timedOut = true;
        outgoing.destroy(timeout);
        reject(timeout);
      }, this.timeoutMs);
      outgoing.on('response', (res) => {
        let read = 0;
        let truncated = false;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) {
            truncated = true;
            res.destroy();
          }
        });
        res.on('close', () => {
          clearTimeout(deadline);
          const status = res.statusCode ?? 0;
          if (timedOut) reject(timeout);
          else if (!res.complete && !truncated) reject(new WebhookAttemptError('incomplete', 'the answer broke off'));
          else if (status >= 200 && status < 300) resolve(status);
          else reject(new WebhookAttemptError(`http_${status}`, `receiver answered ${status}`));
        });
      });
      outgoing.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      outgoing.end(req.body);
    });
  }
}
