import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { OAuthError } from '../oauth-error';

/** The challenge of a failed client authentication (RFC 6749 §5.2: 401 with the schemes we support). */
export const BASIC_CHALLENGE = 'Basic realm="identsphere", charset="UTF-8"';

/**
 * Renders OAuthErrors as RFC 6749 §5.2 answers. Everything else (the HTTP edge's 413/415, a malformed
 * body, 503 when the database is away, 500) falls through to the app's problem-details filter.
 */
@Catch(OAuthError)
export class OAuthErrorFilter implements ExceptionFilter {
  catch(error: OAuthError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    if (error.status === 401) res.setHeader('WWW-Authenticate', BASIC_CHALLENGE);
    res.status(error.status).json({ error: error.error, error_description: error.description });
  }
}
