export { AdminSupportModule } from './admin-support.module';
export { CreateAdminFlow, CreatedAdmin, AdminCredential } from './create-admin.flow';
