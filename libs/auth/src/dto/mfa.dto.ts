import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { TotpEnrolment } from '@identsphere/factors';

const RECOVERY_CODE_DOC = { type: 'string', pattern: '^[a-z2-7]{5}-[a-z2-7]{5}$', example: 'k7fq2-mx4ta' } as const;
const EXAMPLE_CODES = ['k7fq2-mx4ta', 'p3wz5-bq7nr'];

@ApiSchema({ name: 'ConfirmTotpRequest' })
export class ConfirmTotpDto {
  @ApiProperty({ pattern: '^[0-9]{6}$', description: 'The 6-digit code the authenticator app shows now', example: '492039' })
  @IsString()
  @Matches(/^[0-9]{6}$/, { message: 'code must be 6 digits' })
  code: string;
}

@ApiSchema({ name: 'TotpEnrolment', description: 'Shown once: the secret is never returned again' })
export class TotpEnrolmentResponse {
  @ApiProperty({ pattern: '^[A-Z2-7]+$', description: 'Base32 secret (160 bits), to type into an app by hand', example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }) secret: string;
  @ApiProperty({ description: 'otpauth:// URI (SHA-1, 6 digits, 30 s) naming the issuer and the account', example: 'otpauth://totp/IdentSphere:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=IdentSphere' })
  otpauthUri: string;
  @ApiProperty({ description: 'The otpauth URI as a QR code: an SVG data URI', example: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=' })
  qrCodeSvg: string;
}

@ApiSchema({ name: 'RecoveryCodes', description: 'Shown once; each code works once; only digests are kept' })
export class RecoveryCodesResponse {
  @ApiProperty({ type: 'array', items: RECOVERY_CODE_DOC, maxItems: 10, description: 'Empty when confirming a factor of an account that already has codes', example: EXAMPLE_CODES })
  recoveryCodes: string[];
}

@ApiSchema({ name: 'MfaStatus' })
export class MfaStatusResponse {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', enum: ['totp', 'recovery_code', 'webauthn'], example: 'totp' },
    description: 'The second factors set up',
    example: ['totp', 'recovery_code'],
  })
  methods: string[];
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10, description: 'Unused recovery codes', example: 9 }) recoveryCodesRemaining: number;
}

export const toTotpEnrolmentResponse = (enrolment: TotpEnrolment): TotpEnrolmentResponse => ({ ...enrolment });
export const toRecoveryCodesResponse = (codes: readonly string[]): RecoveryCodesResponse => ({ recoveryCodes: [...codes] });
