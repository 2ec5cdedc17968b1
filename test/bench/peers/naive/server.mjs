// The naive reference service: what a tutorial's "JWT auth with Express and PostgreSQL" looks like.
// Express + @node-rs/argon2 (the same Argon2id parameters as IdentSphere, passed in by the bench) +
// jsonwebtoken + pg, one query at a time, no load shedding, no throttling, no audit. Written plainly on
// purpose: it is the baseline a user would compare with, not an example to follow.
//
// Environment: PORT, DATABASE_URL, JWT_SECRET, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_PARALLELISM.
import { Algorithm, hash, verify } from '@node-rs/argon2';
import express from 'express';
import jwt from 'jsonwebtoken';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const argon2Options = {
  algorithm: Algorithm.Argon2id,
  memoryCost: Number(env('ARGON2_MEMORY_KIB')),
  timeCost: Number(env('ARGON2_ITERATIONS')),
  parallelism: Number(env('ARGON2_PARALLELISM')),
};
const jwtSecret = env('JWT_SECRET');
const pool = new pg.Pool({ connectionString: env('DATABASE_URL') });

await pool.query(`
  CREATE TABLE IF NOT EXISTS users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS refresh_tokens (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
  );
`);

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

async function issueTokens(user) {
  const accessToken = jwt.sign({ sub: String(user.id), email: user.email }, jwtSecret, { expiresIn: '15m' });
  const refreshToken = randomBytes(32).toString('base64url');
  await pool.query("INSERT INTO refresh_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '30 days')", [user.id, sha256(refreshToken)]);
  return { accessToken, refreshToken };
}

const app = express();
app.use(express.json());

app.get('/health/live', (req, res) => {
  res.json({ status: 'ok' });
});

app.post('/signup', async (req, res) => {
  const { email, password } = req.body ?? {};
  if (typeof email !== 'string' || typeof password !== 'string') return res.status(400).json({ error: 'email and password are required' });
  try {
    const passwordHash = await hash(password, argon2Options);
    const { rows } = await pool.query('INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id, email', [email.toLowerCase(), passwordHash]);
    res.status(201).json(await issueTokens(rows[0]));
  } catch (error) {
    if (error.code === '23505') return res.status(409).json({ error: 'email already registered' });
    throw error;
  }
});

app.post('/login', async (req, res) => {
  const { email, password } = req.body ?? {};
  if (typeof email !== 'string' || typeof password !== 'string') return res.status(400).json({ error: 'email and password are required' });
  const { rows } = await pool.query('SELECT id, email, password_hash FROM users WHERE email = $1', [email.toLowerCase()]);
  const user = rows[0];
  if (!user || !(await verify(user.password_hash, password))) return res.status(401).json({ error: 'invalid email or password' });
  res.json(await issueTokens(user));
});

app.post('/refresh', async (req, res) => {
  const { refreshToken } = req.body ?? {};
  if (typeof refreshToken !== 'string') return res.status(400).json({ error: 'refreshToken is required' });
  const { rows } = await pool.query('SELECT id, user_id FROM refresh_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()', [sha256(refreshToken)]);
  if (!rows[0]) return res.status(401).json({ error: 'invalid refresh token' });
  // Rotation: the old token is spent (only the first of two concurrent uses wins).
  const spent = await pool.query('UPDATE refresh_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [rows[0].id]);
  if (spent.rowCount === 0) return res.status(401).json({ error: 'invalid refresh token' });
  const user = await pool.query('SELECT id, email FROM users WHERE id = $1', [rows[0].user_id]);
  res.json(await issueTokens(user.rows[0]));
});

app.get('/me', async (req, res) => {
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  let claims;
  try {
    if (scheme !== 'Bearer') throw new Error('no bearer token');
    claims = jwt.verify(token, jwtSecret);
  } catch {
    return res.status(401).json({ error: 'unauthorized' });
  }
  const { rows } = await pool.query('SELECT id, email, created_at FROM users WHERE id = $1', [claims.sub]);
  if (!rows[0]) return res.status(401).json({ error: 'unauthorized' });
  res.json({ id: String(rows[0].id), email: rows[0].email, createdAt: rows[0].created_at });
});

const server = app.listen(Number(env('PORT')), '127.0.0.1');
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => pool.end().then(() => process.exit(0)));
});
