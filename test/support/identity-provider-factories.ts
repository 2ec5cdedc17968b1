import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { bearer, HttpServer } from './auth-factories';

/** A fresh provider id and email domain per call, so tests sharing a database never collide. */
export const uniqueProviderId = (prefix = 'idp') => `${prefix}-${randomBytes(4).toString('hex')}`;
export const uniqueDomain = () => `${randomBytes(4).toString('hex')}.example.com`;

/** The body of POST /v1/admin/identity-providers: a valid provider, with `overrides` applied. */
export function providerBody(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    id: uniqueProviderId(),
    name: 'Acme (Entra ID)',
    issuer: 'https://login.example.com/tenant/v2.0',
    clientId: 'client-0f3c9a52',
    clientSecret: `secret-${randomBytes(12).toString('hex')}`,
    domains: [uniqueDomain()],
    ...overrides,
  };
}

/** POST /v1/admin/identity-providers as an admin (or machine client) token. */
export const createIdentityProvider = (server: HttpServer, accessToken: string, body: object) =>
  request(server).post('/v1/admin/identity-providers').set(bearer(accessToken)).send(body);
