import { Injectable } from '@nestjs/common';
import { ClientsService, MachineClient } from '@identsphere/clients';
import { OAuthErrors } from '../oauth-error';

/** The client credentials a request may carry in its body (client_secret_post). */
export interface PostedClientCredentials {
  readonly client_id?: string;
  readonly client_secret?: string;
}

interface Credentials {
  readonly id: string;
  readonly secret: string;
}

/**
 * RFC 6749 §2.3.1 client authentication: HTTP Basic (client_secret_basic, whose id and secret are
 * form-encoded before base64) or client_id + client_secret in the body (client_secret_post), never both.
 * Every failure is the same 401 invalid_client, whatever was wrong.
 */
@Injectable()
export class ClientAuthentication {
  constructor(private readonly clients: ClientsService) {}

  async authenticate(authorization: string | undefined, posted: PostedClientCredentials): Promise<MachineClient> {
    const basic = authorization !== undefined && /^basic\s/i.test(authorization);
    const inBody = posted.client_id !== undefined || posted.client_secret !== undefined;
    if (basic && inBody) throw OAuthErrors.invalidRequest('Use one client authentication method: HTTP Basic or the body, not both.');
    const credentials = basic ? basicCredentials(authorization) : postedCredentials(posted);
    const client = credentials ? await this.clients.authenticate(credentials.id, credentials.secret) : null;
    if (!client) throw OAuthErrors.invalidClient();
    return client;
  }
}

function basicCredentials(authorization: string): Credentials | null {
  const match = /^basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(authorization);
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));

function postedCredentials(posted: PostedClientCredentials): Credentials | null {
  return posted.client_id && posted.client_secret ? { id: posted.client_id, secret: posted.client_secret } : null;
}
