import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@identsphere/config';
import { EnvironmentProviderSeeder } from './environment-provider-seeder';
import { IdentityProviders } from './identity-providers';
import { IdentitySecretCipher } from './identity-secret-cipher';
import { IdentityProviderDomainEntity } from './persistence/identity-provider-domain.entity';
import { IdentityProviderEntity } from './persistence/identity-provider.entity';
import { IdentityProvidersRepository } from './persistence/identity-providers.repository';
import { UserIdentitiesRepository } from './persistence/user-identities.repository';
import { UserIdentityEntity } from './persistence/user-identity.entity';
import { UserIdentities } from './user-identities';

export interface IdentitiesModuleOptions {
  /** Seals provider client secrets at rest (bound by the composition root to crypto's SecretBox). */
  readonly secretCipher: (config: AppConfig) => IdentitySecretCipher;
}

/** External identity providers (OpenID Connect) and the identities users have there. */
@Global()
@Module({})
export class IdentitiesModule {
  static forRoot(options: IdentitiesModuleOptions): DynamicModule {
    return {
      module: IdentitiesModule,
      imports: [TypeOrmModule.forFeature([IdentityProviderEntity, IdentityProviderDomainEntity, UserIdentityEntity])],
      providers: [
        { provide: IdentitySecretCipher, inject: [AppConfig], useFactory: options.secretCipher },
        IdentityProvidersRepository,
        UserIdentitiesRepository,
        IdentityProviders,
        UserIdentities,
        EnvironmentProviderSeeder,
      ],
      exports: [IdentityProviders, UserIdentities],
    };
  }
}
