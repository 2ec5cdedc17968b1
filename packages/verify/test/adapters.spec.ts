import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Controller, Get, Module, UseGuards, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express from 'express';
import { authOf, createVerifier, requireAuth, type AccessTokenClaims, type Verifier } from '../src/index.js';
import { CurrentUser, IdentSphereAuthGuard, IdentSphereAuthModule, Roles, Scopes } from '../src/nest.js';
import { createMachineClient, LIVE_ISSUER, logIn, signUp, startLiveService, steppedUpAdminToken, strongPassword, uniqueEmail, type LiveService } from './support/live-service';

const ADMIN = { email: uniqueEmail('admin'), password: strongPassword() };

@Controller()
@UseGuards(IdentSphereAuthGuard)
class ProbeController {
  @Get('me')
  me(@CurrentUser() user: AccessTokenClaims, @CurrentUser('email') email: string) {
    return { sub: user.sub, email };
  }

  @Get('admin')
  @Roles('admin')
  admin(@CurrentUser('sub') sub: string) {
    return { sub };
  }

  @Get('introspector')
  @Scopes('introspect')
  client(@CurrentUser('client_id') clientId: string) {
    return { clientId };
  }
}

function expressApp(verifier: Verifier) {
  const app = express();
  app.get('/me', requireAuth(verifier), (req, res) => {
    const auth = authOf(req);
    res.json({ sub: auth.sub, email: auth.email });
  });
  app.get('/admin', requireAuth(verifier, { roles: ['admin'] }), (req, res) => {
    res.json({ sub: authOf(req).sub });
  });
  app.get('/introspector', requireAuth(verifier, { scopes: ['introspect'] }), (req, res) => {
    res.json({ clientId: authOf(req).client_id });
  });
  return app;
}

async function nestApp(verifier: Verifier): Promise<INestApplication> {
  @Module({ imports: [IdentSphereAuthModule.forRoot({ verifier })], controllers: [ProbeController] })
  class ProbeModule {}
  const app = await NestFactory.create(ProbeModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

const get = (base: string, path: string, token?: string, extra: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra } });

describe('Express middleware and Nest guard over real HTTP, against the live built service', () => {
  let live: LiveService;
  let verifier: Verifier;
  let userToken: string;
  let adminToken: string;
  let clientToken: string;
  let expressServer: Server;
  let nest: INestApplication;
  const bases: Record<'express' | 'nest', string> = { express: '', nest: '' };

  beforeAll(async () => {
    live = await startLiveService({ admin: ADMIN });
    verifier = createVerifier({ issuer: LIVE_ISSUER, fetch: live.fetch });
    userToken = (await signUp(live)).accessToken;
    adminToken = (await logIn(live, ADMIN.email, ADMIN.password)).accessToken;
    const client = await createMachineClient(live, await steppedUpAdminToken(live, ADMIN), ['introspect']);
    const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
    const grant = await fetch(`${live.baseUrl()}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    clientToken = ((await grant.json()) as { access_token: string }).access_token;
    expressServer = expressApp(verifier).listen(0, '127.0.0.1');
    await new Promise((resolve) => expressServer.once('listening', resolve));
    bases.express = `http://127.0.0.1:${(expressServer.address() as AddressInfo).port}`;
    nest = await nestApp(verifier);
    bases.nest = await nest.getUrl();
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => expressServer?.close(resolve));
    await nest?.close();
    await live?.stop();
  });

  describe.each(['express', 'nest'] as const)('%s', (kind) => {
    const base = () => bases[kind];

    it('lets a signed-in user through with the claims on the request', async () => {
      const res = await get(base(), '/me', userToken);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toEqual({ sub: expect.any(String), email: expect.stringMatching(/@example\.com$/) });
    });

    it('answers 401 problem details with WWW-Authenticate: Bearer without a token, echoing X-Request-Id', async () => {
      const res = await get(base(), '/me', undefined, { 'X-Request-Id': 'probe-123' });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await res.json()).toEqual({
        type: 'urn:identsphere:problem:unauthorized',
        title: 'Unauthorized',
        status: 401,
        detail: 'An access token is required.',
        code: 'unauthorized',
        requestId: 'probe-123',
      });
    });

    it('answers 401 error="invalid_token" for a bad or tampered token, without echoing it', async () => {
      const [h, p] = userToken.split('.');
      for (const token of ['not-a-jwt', `${h}.${p}.${'A'.repeat(86)}`]) {
        const res = await get(base(), '/me', token);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
        const text = await res.text();
        expect(JSON.parse(text)).toMatchObject({ code: 'unauthorized', status: 401, detail: 'The access token is not valid.' });
        expect(text).not.toContain(token);
      }
    });

    it('answers 403 forbidden (insufficient_scope) for a missing role, and lets an admin through', async () => {
      const refused = await get(base(), '/admin', userToken);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope"');
      expect(await refused.json()).toMatchObject({ type: 'urn:identsphere:problem:forbidden', code: 'forbidden', status: 403 });
      const admitted = await get(base(), '/admin', adminToken);
      expect(admitted.status).toBe(200);
    });

    it('checks scopes of machine-client tokens', async () => {
      const admitted = await get(base(), '/introspector', clientToken);
      expect(admitted.status).toBe(200);
      expect(await admitted.json()).toEqual({ clientId: expect.stringMatching(/^isc_/) });
      expect((await get(base(), '/introspector', userToken)).status).toBe(403);
    });
  });
});
