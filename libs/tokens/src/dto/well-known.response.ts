import { ApiProperty } from '@nestjs/swagger';

export class JwksResponse {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  keys: Record<string, unknown>[];
}

export class DiscoveryResponse {
  @ApiProperty() issuer: string;
  @ApiProperty() jwks_uri: string;
  @ApiProperty({ type: [String] }) id_token_signing_alg_values_supported: string[];
  @ApiProperty() token_endpoint: string;
  @ApiProperty() revocation_endpoint: string;
  @ApiProperty() userinfo_endpoint: string;
  @ApiProperty({ type: [String] }) response_types_supported: string[];
  @ApiProperty({ type: [String] }) subject_types_supported: string[];
  @ApiProperty({ type: [String] }) token_endpoint_auth_methods_supported: string[];
  @ApiProperty({ type: [String] }) grant_types_supported: string[];
}
