import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('reports ready with the database up', async () => {
    const res = await request(t.server).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('reports liveness without touching dependencies', async () => {
    await request(t.server).get('/health/live').expect(200, { status: 'ok' });
  });
});
