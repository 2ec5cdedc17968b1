import { Injectable } from '@nestjs/common';
import { UsersRepository } from './persistence/users.repository';
import type { User } from './user';
import { UserErrors } from './users.errors';

/** The signed-in user's own profile. Flows that span domains (password, deletion) live in libs/auth. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw UserErrors.notFound();
    return user;
  }

  async updateProfile(id: string, displayName: string | null): Promise<User> {
    const user = await this.users.updateProfile(id, { displayName: displayName?.trim() || null });
    if (!user) throw UserErrors.notFound();
    return user;
  }
}
