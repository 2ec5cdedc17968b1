// @ts-check
import express from 'express';
import { authOf, requireAuth } from '@identsphere/verify';

/** @typedef {import('@identsphere/verify').Verifier} Verifier */

/**
 * The example API: what a team's own backend looks like behind IdentSphere. Every route verifies the caller's
 * access token offline (JWKS) with @identsphere/verify; refusals are problem details in IdentSphere's format.
 * @param {{ verifier: Verifier }} options
 */
export function createResourceServer({ verifier }) {
  const app = express();
  app.disable('x-powered-by');

  // Any signed-in user: who the token says they are.
  app.get('/api/hello', requireAuth(verifier), (req, res) => {
    const { sub, email, roles } = authOf(req);
    res.json({ message: `Hello, ${email ?? sub}!`, userId: sub, email: email ?? null, roles });
  });

  // Administrators only (the `admin` role in the token).
  app.get('/api/admin/report', requireAuth(verifier, { roles: ['admin'] }), (req, res) => {
    res.json({ report: 'Quarterly numbers: all green.', generatedFor: authOf(req).sub, generatedAt: new Date().toISOString() });
  });

  app.use((_req, res) => problem(res, 404, 'not_found', 'No such route.'));
  /** @type {import('express').ErrorRequestHandler} */
  const onError = (_error, _req, res, _next) => problem(res, 500, 'internal', 'An unexpected error occurred.');
  app.use(onError);
  return app;
}

/**
 * @param {import('express').Response} res
 * @param {number} status
 * @param {string} code
 * @param {string} detail
 */
function problem(res, status, code, detail) {
  const title = code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, ' ');
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: `urn:identsphere:problem:${code}`, title, status, detail, code }));
}
