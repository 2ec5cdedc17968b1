import { Body, Controller, Delete, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AllowedDuringEnrolment, ApiProblems, ClientContext, CurrentClient, CurrentPrincipal, headerRef, Principal, RequiresStepUp, RESPONSE_HEADERS } from '@identsphere/common';
import { ConfirmTotpDto, MfaStatusResponse, RecoveryCodesResponse, toRecoveryCodesResponse, toTotpEnrolmentResponse, TotpEnrolmentResponse } from './dto/mfa.dto';
import { DisableTotpFlow } from './flows/disable-totp.flow';
import { EnrolTotpFlow } from './flows/enrol-totp.flow';
import { MfaStatusQuery } from './flows/mfa-status.query';
import { RegenerateRecoveryCodesFlow } from './flows/regenerate-recovery-codes.flow';

const NO_STORE = { 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlNoStore) };

@ApiTags('mfa')
@ApiBearerAuth('accessToken')
@Controller('v1/me/mfa')
export class MfaController {
  constructor(
    private readonly status: MfaStatusQuery,
    private readonly enrolTotp: EnrolTotpFlow,
    private readonly disableTotpFlow: DisableTotpFlow,
    private readonly regenerate: RegenerateRecoveryCodesFlow,
  ) {}

  @Get()
  @AllowedDuringEnrolment()
  @ApiOperation({ operationId: 'getMfaStatus', summary: 'The second factors set up and the recovery codes left' })
  @ApiOkResponse({ type: MfaStatusResponse })
  @ApiProblems('unauthorized', 'unavailable')
  getStatus(@CurrentPrincipal() principal: Principal): Promise<MfaStatusResponse> {
    return this.status.of(principal.userId);
  }

  @Post('totp')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @AllowedDuringEnrolment()
  @ApiOperation({ operationId: 'beginTotpEnrolment', summary: 'Start adding an authenticator app: a new secret, shown once' })
  @ApiResponse({ status: 200, type: TotpEnrolmentResponse, description: 'Pending until confirmed with a first code; a new call replaces a pending secret', headers: NO_STORE })
  @ApiProblems('totp_already_enabled', 'unauthorized', 'unavailable')
  async beginTotp(@CurrentPrincipal() principal: Principal): Promise<TotpEnrolmentResponse> {
    return toTotpEnrolmentResponse(await this.enrolTotp.begin(principal));
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @AllowedDuringEnrolment()
  @ApiOperation({ operationId: 'confirmTotpEnrolment', summary: 'Activate the authenticator app with a first code; the first recovery codes, once' })
  @ApiResponse({ status: 200, type: RecoveryCodesResponse, description: 'Active; the recovery codes are shown this once', headers: NO_STORE })
  @ApiProblems('validation_failed', 'invalid_totp_code', 'totp_enrolment_not_started', 'totp_already_enabled', 'unauthorized', 'unavailable')
  async confirmTotp(@CurrentPrincipal() principal: Principal, @Body() body: ConfirmTotpDto, @CurrentClient() client: ClientContext): Promise<RecoveryCodesResponse> {
    return toRecoveryCodesResponse(await this.enrolTotp.confirm(principal, body.code, client));
  }

  @Delete('totp')
  @HttpCode(204)
  @RequiresStepUp()
  @ApiOperation({ operationId: 'disableTotp', summary: 'Remove the authenticator app (needs a recent step-up)' })
  @ApiNoContentResponse({ description: 'Removed; the owner is mailed. With no other factor left, the recovery codes are deleted too' })
  @ApiProblems('step_up_required', 'not_found', 'unauthorized', 'unavailable')
  async disableTotp(@CurrentPrincipal() principal: Principal, @CurrentClient() client: ClientContext): Promise<void> {
    await this.disableTotpFlow.disable(principal, client);
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @RequiresStepUp()
  @AllowedDuringEnrolment()
  @ApiOperation({ operationId: 'regenerateRecoveryCodes', summary: 'Replace the recovery codes (needs a recent step-up); the old ones stop working' })
  @ApiResponse({ status: 200, type: RecoveryCodesResponse, description: 'The new codes, shown this once; the owner is mailed', headers: NO_STORE })
  @ApiProblems('step_up_required', 'mfa_not_enabled', 'unauthorized', 'unavailable')
  async regenerateRecoveryCodes(@CurrentPrincipal() principal: Principal, @CurrentClient() client: ClientContext): Promise<RecoveryCodesResponse> {
    return toRecoveryCodesResponse(await this.regenerate.regenerate(principal, client));
  }
}
