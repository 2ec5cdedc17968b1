export * from './user';
export * from './email';
export * from './users.errors';
export * from './users.module';
export { UsersService } from './users.service';
export { UsersRepository } from './persistence/users.repository';
export { InMemoryUsersRepository } from './persistence/in-memory-users.repository';
export { UserResponse, toUserResponse } from './dto/user.response';
export { IsAccountEmail } from './is-account-email.decorator';
