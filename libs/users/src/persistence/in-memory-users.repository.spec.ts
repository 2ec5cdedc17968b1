import { InMemoryUsersRepository } from './in-memory-users.repository';
import { usersRepositoryContract } from './users-repository.contract';

usersRepositoryContract('InMemoryUsersRepository', async () => new InMemoryUsersRepository());
