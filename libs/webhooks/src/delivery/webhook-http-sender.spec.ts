import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookAttemptError, WebhookHttpSender } from './webhook-http-sender';
import { Resolver, TargetRefused, WebhookTargetPolicy } from './webhook-target-policy';

const HEADERS = { 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,c2ln' };

/** A loopback receiver; `handler` decides the answer. */
async function receiver(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ port: number; requests: IncomingMessage[]; server: Server }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, requests, server };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the attempt to fail');
}

describe('WebhookHttpSender', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      server.close();
    }
  });
  const names = (table: Record<string, string>): Resolver => async (host) => [{ address: table[host], family: 4 }];
  const sender = (timeoutMs = 2_000, resolver: Resolver = names({ 'receiver.test': '127.0.0.1' })) => new WebhookHttpSender(new WebhookTargetPolicy(false, resolver), timeoutMs);

  it('POSTs the body with the signed headers to the address it checked, and reports the 2xx', async () => {
    let body = '';
    const r = await receiver((req, res) => {
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => res.writeHead(202).end('thanks'));
    });
    servers.push(r.server);
    const status = await sender().send({ url: `http://receiver.test:${r.port}/in`, body: '{"type":"user.created"}', headers: HEADERS }, new AbortController().signal);
    expect(status).toBe(202);
    expect(body).toBe('{"type":"user.created"}');
    expect(r.requests[0].headers).toMatchObject({ ...HEADERS, 'content-type': 'application/json', host: `receiver.test:${r.port}` });
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    const r = await receiver((_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest' }).end());
    servers.push(r.server);
    const error = await failureOf(sender().send({ url: `http://127.0.0.1:${r.port}/in`, body: '{}', headers: HEADERS }, new AbortController().signal));
    expect(error).toBeInstanceOf(WebhookAttemptError);
    expect((error as WebhookAttemptError).code).toBe('http_302');
    expect(r.requests).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const r = await receiver(() => undefined);
    servers.push(r.server);
    const error = await failureOf(sender(200).send({ url: `http://127.0.0.1:${r.port}/in`, body: '{}', headers: HEADERS }, new AbortController().signal));
    expect((error as WebhookAttemptError).code).toBe('timeout');
  });

  it('refuses at delivery time a host whose DNS now points inward (rebinding), without connecting', async () => {
    const r = await receiver((_req, res) => res.writeHead(204).end());
    servers.push(r.server);
    const rebound = sender(2_000, names({ 'receiver.test': '10.0.0.7' }));
    const error = await failureOf(rebound.send({ url: `http://receiver.test:${r.port}/in`, body: '{}', headers: HEADERS }, new AbortController().signal));
    expect(error).toEqual(new TargetRefused('private'));
    expect(r.requests).toHaveLength(0);
  });

  it('stops an attempt when the worker aborts it (shutdown)', async () => {
    const r = await receiver(() => undefined);
    servers.push(r.server);
    const abort = new AbortController();
    const attempt = sender(10_000).send({ url: `http://127.0.0.1:${r.port}/in`, body: '{}', headers: HEADERS }, abort.signal);
    await once(r.server, 'request');
    abort.abort();
    expect(((await failureOf(attempt)) as Error).name).toBe('AbortError');
  });
});
