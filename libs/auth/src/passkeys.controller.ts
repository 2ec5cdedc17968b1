import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { AllowedDuringEnrolment, ApiProblems, ClientContext, CommonErrors, CurrentClient, CurrentPrincipal, headerRef, Principal, RequiresStepUp, RESPONSE_HEADERS } from '@identsphere/common';
import { RegisterPasskeyDto } from './dto/passkey-requests.dto';
import { CreationOptionsDoc, PasskeyListResponse, PasskeyRegistrationResponse, toPasskeyListResponse, toPasskeyRegistrationResponse } from './dto/passkey.response';
import { PasskeyEnrolmentFlow } from './flows/passkey-enrolment.flow';
import { PasskeyRemovalFlow } from './flows/passkey-removal.flow';

const NO_STORE = { 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlNoStore) };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('mfa')
@ApiBearerAuth('accessToken')
@Controller('v1/me/passkeys')
export class PasskeysController {
  constructor(
    private readonly enrolment: PasskeyEnrolmentFlow,
    private readonly removal: PasskeyRemovalFlow,
  ) {}

  @Post('options')
  @HttpCode(200)
  @RequiresStepUp()
  @AllowedDuringEnrolment()
  @ApiOperation({ operationId: 'passkeyRegistrationOptions', summary: 'Options for navigator.credentials.create() (a challenge valid 5 minutes)' })
  @ApiOkResponse({ type: CreationOptionsDoc })
  @ApiProblems('unauthorized', 'step_up_required', 'unavailable')
  passkeyRegistrationOptions(@CurrentPrincipal() principal: Principal): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return this.enrolment.options(principal);
  }

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @RequiresStepUp()
  @AllowedDuringEnrolment()
  @ApiOperation({ operationId: 'registerPasskey', summary: 'Register the passkey the authenticator created (the first factor also brings recovery codes)' })
  @ApiResponse({ status: 201, type: PasskeyRegistrationResponse, description: 'Registered; the owner is mailed. Recovery codes, if any, are shown this once', headers: NO_STORE })
  @ApiProblems('validation_failed', 'passkey_invalid', 'unauthorized', 'step_up_required', 'unavailable')
  async registerPasskey(@CurrentPrincipal() principal: Principal, @Body() body: RegisterPasskeyDto, @CurrentClient() client: ClientContext): Promise<PasskeyRegistrationResponse> {
    const { name, ...response } = body;
    // The DTO has validated the shape of RegistrationResponseJSON; the library checks everything inside it.
    return toPasskeyRegistrationResponse(await this.enrolment.register(principal, response as unknown as RegistrationResponseJSON, name, client));
  }

  @Get()
  @AllowedDuringEnrolment()
  @ApiOperation({ operationId: 'listPasskeys', summary: "The signed-in user's passkeys (no keys or credential ids)" })
  @ApiOkResponse({ type: PasskeyListResponse })
  @ApiProblems('unauthorized', 'unavailable')
  async listPasskeys(@CurrentPrincipal() principal: Principal): Promise<PasskeyListResponse> {
    return toPasskeyListResponse(await this.enrolment.list(principal));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequiresStepUp()
  @ApiOperation({ operationId: 'deletePasskey', summary: 'Remove a passkey; the owner is notified by mail' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'A passkey id from listPasskeys; anything else is 404', example: '5d0c1b7a-3e2f-4a6b-9c8d-7e6f5a4b3c2d' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems('unauthorized', 'step_up_required', 'not_found', 'unavailable')
  async deletePasskey(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @CurrentClient() client: ClientContext): Promise<void> {
    // A malformed id names no passkey of yours: same answer as another user's id.
    if (!UUID.test(id)) throw CommonErrors.notFound('passkey');
    await this.removal.remove(principal, id.toLowerCase(), client);
  }
}
