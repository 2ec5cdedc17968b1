import { UsersRepository } from '@identsphere/users';
import { usersRepositoryContract } from '../../libs/users/src/persistence/users-repository.contract';
import { startTestApp, TestApp } from '../support/test-app';

// The same contract the in-memory fake passes, here on the TypeORM adapter against PostgreSQL.
let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

usersRepositoryContract('TypeOrmUsersRepository', async () => t.app.get(UsersRepository));
