export { AdminModule } from './admin.module';
export { AdminWebhooksModule } from './webhooks/admin-webhooks.module';
export { AdminIdentityProvidersModule } from './identity-providers/admin-identity-providers.module';
// The flows themselves, for the medium test tier (test/medium) which drives them without HTTP.
export { AccountAccessFlow } from './flows/account-access.flow';
export { AccountAdminFlow } from './flows/account-admin.flow';
export { AdminActor } from './flows/admin-actor';
export { ROLE_PATTERN } from './roles';
export { AdminSupportModule, CreateAdminFlow, CreatedAdmin, AdminCredential } from './support';
