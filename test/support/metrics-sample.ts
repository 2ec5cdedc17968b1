import request from 'supertest';
import type { HttpServer } from './auth-factories';
import { parsePrometheusText, valueOf } from './prometheus-text';

/**
 * The value of the one sample of `name` with (at least) these labels on GET /metrics, 0 while the series
 * does not exist yet. The whole exposition is parsed strictly, so a malformed line fails the test.
 */
export async function metricSample(server: HttpServer, name: string, labels: Record<string, string> = {}): Promise<number> {
  const res = await request(server).get('/metrics').expect(200);
  return valueOf(parsePrometheusText(res.text), name, labels);
}
