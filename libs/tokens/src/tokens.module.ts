import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokenService } from './access-token.service';
import { JwtEngine } from './jwt/jwt-engine';
import { KeyRing } from './jwt/key-ring';
import { OneTimeTokensService } from './one-time-tokens/one-time-tokens.service';
import { OneTimeTokenEntity } from './one-time-tokens/persistence/one-time-token.entity';
import { OneTimeTokensRepository } from './one-time-tokens/persistence/one-time-tokens.repository';
import { SigningKeyEntity } from './persistence/signing-key.entity';
import { SigningKeysStore } from './persistence/signing-keys.store';
import { WellKnownController } from './well-known.controller';

@Module({
  imports: [TypeOrmModule.forFeature([SigningKeyEntity, OneTimeTokenEntity]), JwtModule.register({})],
  controllers: [WellKnownController],
  providers: [SigningKeysStore, KeyRing, JwtEngine, AccessTokenService, OneTimeTokensRepository, OneTimeTokensService],
  exports: [AccessTokenService, KeyRing, OneTimeTokensService],
})
export class TokensModule {}
