import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokenService } from './access-token.service';
import { JwtEngine } from './jwt/jwt-engine';
import { KeyRing } from './jwt/key-ring';
import { SigningKeyEntity } from './persistence/signing-key.entity';
import { SigningKeysStore } from './persistence/signing-keys.store';
import { WellKnownController } from './well-known.controller';

@Module({
  imports: [TypeOrmModule.forFeature([SigningKeyEntity]), JwtModule.register({})],
  controllers: [WellKnownController],
  providers: [SigningKeysStore, KeyRing, JwtEngine, AccessTokenService],
  exports: [AccessTokenService, KeyRing],
})
export class TokensModule {}
