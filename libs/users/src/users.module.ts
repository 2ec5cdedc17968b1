import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TypeOrmUsersRepository } from './persistence/typeorm-users.repository';
import { UserDirectory } from './persistence/user-directory';
import { UserEntity } from './persistence/user.entity';
import { UsersRepository } from './persistence/users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  // GET/PATCH /v1/me are served by the auth lib: the body shows the MFA state, which only it knows.
  providers: [{ provide: UsersRepository, useClass: TypeOrmUsersRepository }, UsersService, UserDirectory],
  exports: [UsersRepository, UsersService, UserDirectory],
})
export class UsersModule {}
