import { RawHttpConnection, requestHead } from '../support/raw-http';
import { startTestApp, TestApp } from '../support/test-app';

const portOf = (t: TestApp) => (t.server.address() as { port: number }).port;

describe('slow clients', () => {
  let t: TestApp;
  // Scaled down from the production 20 s / 30 s so the test waits for the event, not for the clock.
  beforeAll(async () => (t = await startTestApp({ listen: true, serverLimits: { headersTimeoutMs: 400, requestTimeoutMs: 800, connectionsCheckingIntervalMs: 50 } })));
  afterAll(() => t.close());

  it('answers 408 and closes a connection whose body trickles in past the request timeout', async () => {
    const conn = await RawHttpConnection.open(portOf(t));
    try {
      conn.write(requestHead('POST', '/v1/auth/login', { 'Content-Type': 'application/json', 'Content-Length': 200 }) + '\r\n');
      conn.write('{"email":"a@');
      const res = await conn.readResponse(5_000);
      expect(res.status).toBe(408);
      await conn.closed;
    } finally {
      conn.destroy();
    }
  });

  it('answers 408 and closes a connection whose headers never end', async () => {
    const conn = await RawHttpConnection.open(portOf(t));
    try {
      conn.write('GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      const res = await conn.readResponse(5_000);
      expect(res.status).toBe(408);
      await conn.closed;
    } finally {
      conn.destroy();
    }
  });

  it('keeps serving a keep-alive connection that sent its request in time', async () => {
    const conn = await RawHttpConnection.open(portOf(t));
    try {
      conn.write(requestHead('GET', '/health/live') + '\r\n');
      expect((await conn.readResponse()).status).toBe(200);
      expect(conn.isClosed).toBe(false);
    } finally {
      conn.destroy();
    }
  });
});

describe('connection cap', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ listen: true, serverLimits: { maxConnections: 2 } })));
  afterAll(() => t.close());

  it('closes connections beyond the cap on accept and keeps serving the others', async () => {
    const held = [await RawHttpConnection.open(portOf(t)), await RawHttpConnection.open(portOf(t))];
    const extra = await RawHttpConnection.open(portOf(t));
    try {
      held[0].write(requestHead('GET', '/health/live') + '\r\n');
      expect((await held[0].readResponse()).status).toBe(200);
      await extra.closed;
      expect(extra.isClosed).toBe(true);
      held[1].write(requestHead('GET', '/health/live') + '\r\n');
      expect((await held[1].readResponse()).status).toBe(200);
    } finally {
      [...held, extra].forEach((conn) => conn.destroy());
    }
  });
});
