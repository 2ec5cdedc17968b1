import { Injectable } from '@nestjs/common';
import { toUserResponse, User, UserResponse } from '@identsphere/users';
import { MeQuery } from '../persistence/me.query';
import { MeResponse } from '../sso/dto/me.response';
import { SignInStrategies } from '../strategies/sign-in-strategies';

/** The User body with its MFA state, which only the strategy registry knows (the users lib cannot ask it). */
@Injectable()
export class UserView {
  constructor(
    private readonly strategies: SignInStrategies,
    private readonly meQuery: MeQuery,
  ) {}

  async of(user: User): Promise<UserResponse> {
    return toUserResponse(user, await this.strategies.secondFactorsOf(user.id));
  }

  /** GET /v1/me: also the provider identities linked to the account; one statement (MeQuery). */
  async me(userId: string): Promise<MeResponse> {
    const { user, enrolled, identities } = await this.meQuery.of(userId);
    return { ...toUserResponse(user, this.strategies.secondFactorsAmong(enrolled)), identities: [...identities] };
  }
}
