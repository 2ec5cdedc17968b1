export * from './clients.module';
export { ClientsService } from './clients.service';
export { CLIENT_SCOPES, ClientScope, isClientScope, MachineClient, SECRET_OVERLAP_SECONDS } from './machine-client';
export { CLIENT_ID_PREFIX, CLIENT_SECRET_PREFIX } from './client-credentials';
