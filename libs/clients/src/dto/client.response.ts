import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CLIENT_SCOPES, ClientScope, IssuedClientSecret, MachineClient } from '../machine-client';

const EXAMPLE_CLIENT_ID = 'isc_3q2Vb9xTQe6mJ8rKd1LwZg';

@ApiSchema({ name: 'MachineClient', description: 'A machine client (service account); its secret is never shown again after creation or rotation' })
export class ClientResponse {
  @ApiProperty({ pattern: '^isc_[A-Za-z0-9_-]{22}$', description: 'The client_id for POST /oauth/token', example: EXAMPLE_CLIENT_ID }) clientId: string;
  @ApiProperty({ example: 'billing-service' }) name: string;
  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...CLIENT_SCOPES], example: 'introspect' }, example: ['introspect'] }) scopes: ClientScope[];
  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the current secret was issued', example: '2026-01-15T09:30:00.000Z' }) secretRotatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until when the secret replaced by the last rotation still works; null when none does', example: null })
  previousSecretExpiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set while the client is disabled: its tokens and secrets are refused', example: null })
  disabledAt: string | null;
}

@ApiSchema({ name: 'MachineClientWithSecret', description: 'Shown once: only a keyed digest of the secret is kept' })
export class ClientWithSecretResponse extends ClientResponse {
  @ApiProperty({ pattern: '^iscs_[A-Za-z0-9_-]{43}$', description: 'The client_secret; store it in a secret manager now', example: 'iscs_q2VzcGVyLWNsaWVudC1zZWNyZXQtZXhhbXBsZS0wMDA' })
  clientSecret: string;
}

@ApiSchema({ name: 'MachineClientList' })
export class ClientListResponse {
  @ApiProperty({ type: [ClientResponse] }) items: ClientResponse[];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const toClientResponse = (client: MachineClient): ClientResponse => ({
  clientId: client.id,
  name: client.name,
  scopes: [...client.scopes],
  createdAt: client.createdAt.toISOString(),
  secretRotatedAt: client.secretRotatedAt.toISOString(),
  previousSecretExpiresAt: iso(client.previousSecretExpiresAt),
  disabledAt: iso(client.disabledAt),
});

export const toClientWithSecretResponse = ({ client, secret }: IssuedClientSecret): ClientWithSecretResponse => ({ ...toClientResponse(client), clientSecret: secret });

export const toClientListResponse = (clients: readonly MachineClient[]): ClientListResponse => ({ items: clients.map(toClientResponse) });
