import { Injectable } from '@nestjs/common';
import { toUserResponse, User, UserResponse } from '@identsphere/users';
import { SignInStrategies } from '../strategies/sign-in-strategies';

/** The User body with its MFA state, which only the strategy registry knows (the users lib cannot ask it). */
@Injectable()
export class UserView {
  constructor(private readonly strategies: SignInStrategies) {}

  async of(user: User): Promise<UserResponse> {
    return toUserResponse(user, await this.strategies.secondFactorsOf(user.id));
  }
}
