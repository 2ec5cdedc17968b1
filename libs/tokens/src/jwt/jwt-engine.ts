import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { jwtVerify, SignJWT } from 'jose';
import type { SigningKey } from './key-material';

export interface VerifyExpectations {
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
}

export type JwtPayload = Record<string, unknown>;

export const ACCESS_TOKEN_TYPE = 'at+jwt';

/**
 * Signs and verifies with a library, never by hand. @nestjs/jwt (jsonwebtoken) does ES256, RS256 and
 * HS256 synchronously with node:crypto on the event loop, which keeps signing off the libuv pool that
 * Argon2 saturates during a login storm. jsonwebtoken has no EdDSA, so EdDSA goes through jose.
 */
@Injectable()
export class JwtEngine {
  constructor(private readonly jwt: JwtService) {}

  async sign(payload: JwtPayload, key: SigningKey): Promise<string> {
    if (key.algorithm === 'EdDSA') {
      return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE, kid: key.kid }).sign(key.privateKey);
    }
    return this.jwt.sign(payload, {
      algorithm: key.algorithm,
      privateKey: key.privateKey,
      header: { alg: key.algorithm, typ: ACCESS_TOKEN_TYPE, kid: key.kid },
    });
  }

  /** Verifies signature, algorithm, iss, aud, exp, nbf and iat; throws on any failure. */
  async verify(token: string, key: SigningKey, expect: VerifyExpectations): Promise<JwtPayload> {
    const payload = await this.verifySignatureAndClaims(token, key, expect);
    assertIssuedAsWeIssue(payload, expect, Date.now() / 1000);
    return payload;
  }

  private async verifySignatureAndClaims(token: string, key: SigningKey, expect: VerifyExpectations): Promise<JwtPayload> {
    if (key.algorithm === 'EdDSA') {
      const { payload } = await jwtVerify(token, key.publicKey, {
        algorithms: ['EdDSA'],
        issuer: expect.issuer,
        audience: expect.audience,
        clockTolerance: expect.clockToleranceSeconds,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['exp'],
      });
      return payload as JwtPayload;
    }
    return this.jwt.verify<JwtPayload>(token, {
      algorithms: [key.algorithm],
      // A KeyObject (secret for HS256): jsonwebtoken accepts it though @nestjs/jwt's types say string | Buffer.
      publicKey: key.publicKey as never,
      issuer: expect.issuer,
      audience: expect.audience,
      clockTolerance: expect.clockToleranceSeconds,
    });
  }
}

/**
 * What the libraries allow but our tokens never carry: both accept an `aud` array that merely contains our
 * audience (a token minted for several services must not pass as ours), and neither bounds `iat` unless a
 * max age is set (a token "issued" in the future outlives every revocation window).
 */
function assertIssuedAsWeIssue(payload: JwtPayload, expect: VerifyExpectations, nowSeconds: number): void {
  if (typeof payload.aud !== 'string' || payload.aud !== expect.audience) throw new Error('aud must be exactly our audience');
  const iat = payload.iat;
  if (typeof iat !== 'number' || !Number.isFinite(iat) || iat > nowSeconds + expect.clockToleranceSeconds) throw new Error('iat missing or in the future');
}
