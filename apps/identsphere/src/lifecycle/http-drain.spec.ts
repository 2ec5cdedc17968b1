import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { RawHttpConnection, requestHead } from '../../../../test/support/raw-http';
import { HttpDrain } from './http-drain';

type Handler = (req: IncomingMessage, res: ServerResponse, release: Array<() => void>) => void;

/** By default /slow answers only when the test releases it; everything else at once. */
const slowAndFast: Handler = (req, res, release) => {
  if (req.url === '/slow') release.push(() => res.end('slow'));
  else res.end('fast');
};

async function startServer(handler: Handler = slowAndFast) {
  const release: Array<() => void> = [];
  const server: Server = createServer((req, res) => handler(req, res, release));
  server.keepAliveTimeout = 65_000;
  const drain = new HttpDrain(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, drain, port: (server.address() as AddressInfo).port, releaseAll: () => release.splice(0).forEach((r) => r()) };
}

describe('HttpDrain', () => {
  it('lets an in-flight request finish with Connection: close, and closes idle keep-alive sockets at once', async () => {
    const { drain, port, releaseAll } = await startServer();
    const idle = await RawHttpConnection.open(port);
    idle.write(requestHead('GET', '/fast') + '\r\n');
    await idle.readResponse();
    const busy = await RawHttpConnection.open(port);
    busy.write(requestHead('GET', '/slow') + '\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));

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
    const { drain, port, releaseAll } = await startServer((_req, res, release) => {
      res.writeHead(200, { 'Content-Length': '4' });
      res.write('pa');
      release.push(() => res.end('rt'));
    });
    const conn = await RawHttpConnection.open(port);
    conn.write(requestHead('GET', '/stream') + '\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));

    const drained = drain.drain(5_000);
    releaseAll();
    expect((await conn.readResponse()).body).toBe('part');
    await conn.closed;
    expect(await drained).toBe(true);
  });

  it('gives up at the deadline, closes what is left and reports it', async () => {
    const { drain, port } = await startServer();
    const stuck = await RawHttpConnection.open(port);
    stuck.write(requestHead('GET', '/slow') + '\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(await drain.drain(200)).toBe(false);
    await stuck.closed;
  });
});
