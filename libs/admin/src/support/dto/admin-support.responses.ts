import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { ResetLink } from '../reset-link-issuer';
import type { MfaReset } from '../reset-mfa.flow';

@ApiSchema({ name: 'AdminMfaReset', description: 'What an MFA reset removed; empty `removed` when the account had no factor (then nothing changed)' })
export class MfaResetResponse {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', enum: ['totp', 'webauthn', 'recovery_code'], example: 'totp' },
    description: 'The second-factor methods removed',
    example: ['totp', 'recovery_code'],
  })
  removed: string[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Sessions of the user that ended with the reset', example: 2 }) sessionsRevoked: number;
}

@ApiSchema({ name: 'AdminPasswordResetLink', description: 'Shown once: the link is never stored, mailed or logged' })
export class PasswordResetLinkResponse {
  @ApiProperty({ description: 'The set-password link (IDENTSPHERE_LINK_URL_TEMPLATE, purpose reset-password); works once', example: 'https://auth.example.com/auth/reset-password?token=3q2-7wEjUoKp9xY0bZr4s1TgH6nV8cLdMfAeBiJkQuO' })
  url: string;
  @ApiProperty({ format: 'date-time', description: 'When the link stops working (IDENTSPHERE_RESET_TOKEN_TTL)', example: '2026-12-07T10:30:00.000Z' })
  expiresAt: string;
}

export const toMfaResetResponse = (reset: MfaReset): MfaResetResponse => ({ removed: [...reset.removed], sessionsRevoked: reset.sessionsRevoked });

export const toPasswordResetLinkResponse = (link: ResetLink): PasswordResetLinkResponse => ({ url: link.url, expiresAt: link.expiresAt.toISOString() });
