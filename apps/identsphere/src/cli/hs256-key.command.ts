import { AppConfig } from '@identsphere/config';
import { hs256KeyBytes } from '@identsphere/tokens';
import { CliIo, EXIT_CONFIG } from './load-config-or-exit';

/**
 * `cli.js hs256-key`: prints the key resource servers verify HS256 access tokens with, base64url-encoded
 * on one line. With another algorithm there is no shared key (resource servers use the JWKS), so printing
 * one would only invite a verifier that never matches: that is a configuration error.
 */
export function hs256KeyCommand(config: AppConfig, io: CliIo): number {
  if (config.tokens.algorithm !== 'HS256') {
    io.err(`IDENTSPHERE_JWT_ALG is ${config.tokens.algorithm}, not HS256: resource servers verify access tokens with the JWKS at /.well-known/jwks.json.`);
    return EXIT_CONFIG;
  }
  io.out(hs256KeyBytes(config.tokens.secret).toString('base64url'));
  return 0;
}
