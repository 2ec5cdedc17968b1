export { AdminSupportModule, CreateAdminFlow, CreatedAdmin, AdminCredential } from './support';
