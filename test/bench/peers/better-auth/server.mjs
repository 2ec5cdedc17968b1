// The Better Auth reference service, set up as its documentation shows for Express: email and password,
// the PostgreSQL adapter (a pg Pool), the schema created by Better Auth's own programmatic migrations, its
// default session check (auth.api.getSession: a signed session cookie looked up in the database) behind
// GET /api/me, and a no-op route. Its password hashing is its default (scrypt), not Argon2id.
//
// Its built-in rate limiter is off, as IdentSphere's login throttles are set out of reach for the bench:
// the scenarios measure the work of a sign-in, not a limiter's refusals.
//
// Environment: PORT, DATABASE_URL, BETTER_AUTH_SECRET.
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import express from 'express';
import pg from 'pg';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const port = Number(env('PORT'));
const baseURL = `http://127.0.0.1:${port}`;
const options = {
  baseURL,
  secret: env('BETTER_AUTH_SECRET'),
  database: new pg.Pool({ connectionString: env('DATABASE_URL') }),
  emailAndPassword: { enabled: true },
  rateLimit: { enabled: false },
  telemetry: { enabled: false },
};
const auth = betterAuth(options);

const { runMigrations } = await getMigrations(options);
await runMigrations();

const app = express();
app.get('/health/live', (req, res) => {
  res.json({ status: 'ok' });
});
// Before express.json(), as Better Auth's Express guide says: its handler reads the body itself.
app.all('/api/auth/*splat', toNodeHandler(auth));
app.use(express.json());

app.get('/api/me', async (req, res) => {
  const session = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
  if (!session) return res.status(401).json({ error: 'unauthorized' });
  res.json({ id: session.user.id, email: session.user.email, createdAt: session.user.createdAt });
});

const server = app.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => options.database.end().then(() => process.exit(0)));
});
