import { Injectable } from '@nestjs/common';
import { UserIdentities } from '@identsphere/identities';
import { toUserResponse, User, UserResponse } from '@identsphere/users';
import { MeResponse, toLinkedIdentityResponse } from '../sso/dto/me.response';
import { SignInStrategies } from '../strategies/sign-in-strategies';

/** The User body with its MFA state, which only the strategy registry knows (the users lib cannot ask it). */
@Injectable()
export class UserView {
  constructor(
    private readonly strategies: SignInStrategies,
    private readonly identities: UserIdentities,
  ) {}

  async of(user: User): Promise<UserResponse> {
    return toUserResponse(user, await this.strategies.secondFactorsOf(user.id));
  }

  /** GET /v1/me: also the provider identities linked to the account. */
  async me(user: User): Promise<MeResponse> {
    return { ...(await this.of(user)), identities: (await this.identities.listForUser(user.id)).map(toLinkedIdentityResponse) };
  }
}
