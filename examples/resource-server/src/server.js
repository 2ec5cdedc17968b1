// @ts-check
import { createVerifier } from '@identsphere/verify';
import { createResourceServer } from './app.js';

// IDENTSPHERE_ISSUER is the service's public base URL (the tokens' `iss`). The keys can be fetched from
// another address than the issuer's, e.g. the service directly while the browser reaches it through a proxy.
const issuer = process.env.IDENTSPHERE_ISSUER ?? 'http://localhost:4000';
const introspection = process.env.IDENTSPHERE_INTROSPECTION_CLIENT_ID
  ? { clientId: process.env.IDENTSPHERE_INTROSPECTION_CLIENT_ID, clientSecret: process.env.IDENTSPHERE_INTROSPECTION_CLIENT_SECRET ?? '' }
  : undefined;
const verifier = createVerifier({
  issuer,
  audience: process.env.IDENTSPHERE_AUDIENCE,
  jwksUri: process.env.IDENTSPHERE_JWKS_URI,
  introspection,
});

const port = Number(process.env.PORT ?? 4001);
const server = createResourceServer({ verifier }).listen(port, () => {
  console.log(`resource server listening on http://localhost:${port} (tokens of ${issuer})`);
});

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.once(signal, () => server.close(() => process.exit(0)));
