import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TypeOrmUsersRepository } from './persistence/typeorm-users.repository';
import { UserEntity } from './persistence/user.entity';
import { UsersRepository } from './persistence/users.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [UsersController],
  providers: [{ provide: UsersRepository, useClass: TypeOrmUsersRepository }, UsersService],
  exports: [UsersRepository, UsersService],
})
export class UsersModule {}
