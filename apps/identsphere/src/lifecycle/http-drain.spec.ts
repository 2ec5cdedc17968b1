import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { RawHttpConnection, requestHead } from '../../../../test/support/raw-http';
import { HttpDrain, HttpDrainOptions } from './http-drain';

type Handler = (req: IncomingMessage, res: ServerResponse, release: Array<() => void>) => void;

/** By default /slow answers only when the test releases it; everything else at once. */
const slowAndFast: Handler = (req, res, release) => {
  if (req.url === '/slow') release.push(() => res.end('slow'));
  else res.end('fast');
};

async function startServer(handler: Handler = slowAndFast, options: HttpDrainOptions = {}) {
  const release: Array<() => void> = [];
  const server: Server = createServer((req, res) => handler(req, res, release));
  server.keepAliveTimeout = 65_000;
  const drain = new HttpDrain(server, options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Resolves once the handler has seen `count` requests in all: the wait is on the server, not on the clock.
  const received = (count: number) =>
    new Promise<void>((resolve) => {
      let seen = 0;
      server.on('request', () => ++seen >= count && resolve());
    });
  return { server, drain, received, port: (server.address() as AddressInfo).port, releaseAll: () => release.splice(0).forEach((r) => r()) };
}

// Clients on their own thread: they connect and send complete requests while the server's thread is
// blocked, so at the drain the connections still wait in the kernel's accept queue with their bytes.
const BLOCKED_SERVER_CLIENTS = `
const { workerData, parentPort } = require('node:worker_threads');
const { connect } = require('node:net');
const sent = new Int32Array(workerData.sent);
const outcomes = [];
let written = 0;
for (let i = 0; i < workerData.count; i++) {
  const socket = connect(workerData.port, '127.0.0.1');
  let response = '';
  let failure = null;
  socket.setEncoding('latin1');
  socket.on('data', (chunk) => (response += chunk));
  socket.on('error', (error) => (failure = error.code));
  socket.on('close', () => {
    outcomes.push(failure ?? response.split(' ')[1] ?? 'closed');
    if (outcomes.length === workerData.count) parentPort.postMessage(outcomes);
  });
  socket.write(workerData.request, () => {
    if (++written < workerData.count) return;
    Atomics.store(sent, 0, 1);
    Atomics.notify(sent, 0);
  });
}`;

/** Starts the drain while `count` fully sent requests are not yet accepted; resolves to each client's outcome. */
function drainWithUnacceptedRequests(drain: HttpDrain, port: number, count: number) {
  const sent = new Int32Array(new SharedArrayBuffer(4));
  const request = requestHead('GET', '/fast') + '\r\n';
  const worker = new Worker(BLOCKED_SERVER_CLIENTS, { eval: true, workerData: { port, count, request, sent: sent.buffer } });
  const outcomes = new Promise<string[]>((resolve, reject) => worker.once('message', resolve).once('error', reject));
  Atomics.wait(sent, 0, 0, 10_000); // blocks this thread (and so the server) until every byte is written
  const drained = drain.drain(5_000);
  return { drained, outcomes: outcomes.finally(() => worker.terminate()) };
}

describe('HttpDrain', () => {
  it('lets an in-flight request finish with Connection: close, and closes idle keep-alive sockets at once', async () => {
    const { drain, port, releaseAll, received } = await startServer();
    const idle = await RawHttpConnection.open(port);
    idle.write(requestHead('GET', '/fast') + '\r\n');
    await idle.readResponse();
    const busy = await RawHttpConnection.open(port);
    const busyArrived = received(1);
    busy.write(requestHead('GET', '/slow') + '\r\n');
    await busyArrived;

    const drained = drain.drain(5_000);
    await idle.closed;
    expect(busy.isClosed).toBe(false);
    releaseAll();
    const res = await busy.readResponse();
    expect({ status: res.status, connection: res.headers.connection, body: res.body }).toEqual({ status: 200, connection: 'close', body: 'slow' });
    expect(await drained).toBe(true);
    await busy.closed;
  });

  it('closes a keep-alive socket whose response headers went out before the drain began', async () => {
    const { drain, port, releaseAll, received } = await startServer((_req, res, release) => {
      res.writeHead(200, { 'Content-Length': '4' });
      res.write('pa');
      release.push(() => res.end('rt'));
    });
    const conn = await RawHttpConnection.open(port);
    const arrived = received(1);
    conn.write(requestHead('GET', '/stream') + '\r\n');
    await arrived;

    const drained = drain.drain(5_000);
    releaseAll();
    expect((await conn.readResponse()).body).toBe('part');
    await conn.closed;
    expect(await drained).toBe(true);
  });

  it('answers requests fully sent before the drain on connections still waiting to be accepted', async () => {
    const { drain, port } = await startServer();

    const { drained, outcomes } = drainWithUnacceptedRequests(drain, port, 16);

    expect(await outcomes).toEqual(Array(16).fill('200'));
    expect(await drained).toBe(true);
  });

  it('answers a request on a connection accepted before the drain but not yet read', async () => {
    // The worst case of a request whose bytes are still in the kernel when the drain starts: the server has
    // accepted the socket and read nothing. Node's own idle-connection sweep destroys such a socket.
    const { drain, port } = await startServer();
    const fresh = await RawHttpConnection.open(port);
    const fresher = await RawHttpConnection.open(port);

    const drained = drain.drain(5_000);
    fresh.write(requestHead('GET', '/fast') + '\r\n');
    fresher.write(requestHead('POST', '/fast', { 'Content-Length': 2 }) + '\r\n{}');

    for (const conn of [fresh, fresher]) {
      const res = await conn.readResponse();
      expect({ status: res.status, connection: res.headers.connection }).toEqual({ status: 200, connection: 'close' });
      await conn.closed;
    }
    expect(await drained).toBe(true);
  });

  it('closes a connection that never sends a request once the grace for fresh connections ends', async () => {
    const { drain, port } = await startServer(slowAndFast, { freshConnectionGraceMs: 100 });
    const silent = await RawHttpConnection.open(port);

    expect(await drain.drain(5_000)).toBe(true);
    await silent.closed;
  });

  it('gives up at the deadline, closes what is left and reports it', async () => {
    const { drain, port, received } = await startServer();
    const stuck = await RawHttpConnection.open(port);
    const arrived = received(1);
    stuck.write(requestHead('GET', '/slow') + '\r\n');
    await arrived;

    expect(await drain.drain(200)).toBe(false);
    await stuck.closed;
  });
});
