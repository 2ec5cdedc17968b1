import { Injectable, Logger } from '@nestjs/common';
import { MachineClientStatus } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { TransactionHost } from '@identsphere/database';
import { ClientActor, ClientAudit, ClientAuditType } from './client-audit';
import { CLIENT_ID_PATTERN, ClientSecretDigests, newClientId, newClientSecret } from './client-credentials';
import { ClientErrors } from './clients.errors';
import { IssuedClientSecret, MachineClient, NewMachineClient, SECRET_OVERLAP_SECONDS } from './machine-client';
import { MachineClientsRepository } from './persistence/machine-clients.repository';

/** An id that could never have been issued is not looked up: it names no client. */
const wellFormedId = (id: string) => CLIENT_ID_PATTERN.test(id);

/**
 * Machine clients (service accounts): created with a secret shown once, authenticated in constant time,
 * rotated with an overlap, disabled at once for every instance (the auth guard asks isActive on each call).
 */
@Injectable()
export class ClientsService implements MachineClientStatus {
  private readonly logger = new Logger('Clients');
  private readonly digests: ClientSecretDigests;

  constructor(
    private readonly clients: MachineClientsRepository,
    private readonly tx: TransactionHost,
    private readonly audit: ClientAudit,
    config: AppConfig,
  ) {
    this.digests = new ClientSecretDigests(config.tokens.secret);
  }

  /** The only time the secret exists in clear, besides a rotation. */
  create(input: NewMachineClient, actor: ClientActor): Promise<IssuedClientSecret> {
    const id = newClientId();
    const secret = newClientSecret();
    return this.tx.run(async () => {
      const client = await this.clients.create({ id, name: input.name, scopes: input.scopes, secretDigest: this.digests.digest(id, secret) });
      await this.audit.record('client_created', id, actor);
      this.logger.log(`machine client created id=${id}`);
      return { client, secret };
    });
  }

  list(): Promise<MachineClient[]> {
    return this.clients.list();
  }

  async get(id: string): Promise<MachineClient> {
    const client = wellFormedId(id) ? await this.clients.find(id) : null;
    if (!client) throw ClientErrors.notFound();
    return client;
  }

  /** A new secret; the previous one stays valid for SECRET_OVERLAP_SECONDS or until the next rotation. */
  rotateSecret(id: string, actor: ClientActor): Promise<IssuedClientSecret> {
    const secret = newClientSecret();
    return this.changed('client_secret_rotated', id, actor, async () => {
      const client = await this.clients.rotate(id, this.digests.digest(id, secret), SECRET_OVERLAP_SECONDS);
      return client && { client, secret };
    });
  }

  disable(id: string, actor: ClientActor): Promise<MachineClient> {
    return this.changed('client_disabled', id, actor, () => this.clients.setDisabled(id, true));
  }

  enable(id: string, actor: ClientActor): Promise<MachineClient> {
    return this.changed('client_enabled', id, actor, () => this.clients.setDisabled(id, false));
  }

  async delete(id: string, actor: ClientActor): Promise<void> {
    await this.changed('client_deleted', id, actor, async () => (await this.clients.delete(id)) || null);
  }

  /**
   * The client, if `secret` is its current secret or its previous one within the overlap, and it is not
   * disabled; null otherwise. An unknown id costs the same digest and comparisons as a known one.
   */
  async authenticate(id: string, secret: string): Promise<MachineClient | null> {
    const stored = wellFormedId(id) ? await this.clients.findWithDigests(id) : null;
    const ok = this.digests.matches(id, secret, stored ? [stored.current, stored.previous] : [null, null]);
    return ok && stored && !stored.client.disabledAt ? stored.client : null;
  }

  /** The MachineClientStatus port: the auth guard's per-request check. */
  isActive(clientId: string): Promise<boolean> {
    return wellFormedId(clientId) ? this.clients.isActive(clientId) : Promise.resolve(false);
  }

  /** One change and its audit event in one transaction; 404 when the client does not exist. */
  private changed<T>(type: ClientAuditType, id: string, actor: ClientActor, change: () => Promise<T | null>): Promise<T> {
    if (!wellFormedId(id)) return Promise.reject(ClientErrors.notFound());
    return this.tx.run(async () => {
      const result = await change();
      if (result === null) throw ClientErrors.notFound();
      await this.audit.record(type, id, actor);
      this.logger.log(`machine client changed id=${id} action=${type}`);
      return result;
    });
  }
}
