import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblems, RequiresStepUp } from '@identsphere/common';
import { AppConfig, IDENTITY_PROVIDER_ID_PATTERN } from '@identsphere/config';
import { IdentityErrors, IdentityProvider, IdentityProviders, ssoRedirectUri } from '@identsphere/identities';
import { CurrentAdminActor } from '../current-admin-actor';
import type { AdminActor } from '../flows/admin-actor';
import { CreateIdentityProviderDto, UpdateIdentityProviderDto } from './dto/identity-provider.request';
import { IdentityProviderListResponse, IdentityProviderResponse, toIdentityProviderResponse } from './dto/identity-provider.response';
import { IdentityProviderAdminFlow } from './identity-provider-admin.flow';

const ID_PARAM = { name: 'id', description: 'An identity provider id; anything else is 404', example: 'acme-entra' } as const;

/** A malformed id names no provider: the same answer as an unknown one. */
function providerId(id: string): string {
  if (!IDENTITY_PROVIDER_ID_PATTERN.test(id)) throw IdentityErrors.providerNotFound();
  return id;
}

@ApiTags('admin')
@ApiBearerAuth('accessToken')
@AdminOnly()
@Controller('v1/admin/identity-providers')
export class AdminIdentityProvidersController {
  constructor(
    private readonly providers: IdentityProviders,
    private readonly changes: IdentityProviderAdminFlow,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @RequiresStepUp()
  @ApiOperation({ operationId: 'createIdentityProvider', summary: 'Add an OpenID Connect provider users can sign in with; its secret is stored sealed and never shown' })
  @ApiCreatedResponse({ type: IdentityProviderResponse })
  @ApiProblems('validation_failed', 'unauthorized', 'forbidden', 'step_up_required', 'mfa_enrollment_required', 'identity_provider_exists', 'domain_taken', 'unavailable')
  async createIdentityProvider(@CurrentAdminActor() by: AdminActor, @Body() body: CreateIdentityProviderDto): Promise<IdentityProviderResponse> {
    return this.toResponse(await this.changes.create(body, by));
  }

  @Get()
  @ApiOperation({ operationId: 'listIdentityProviders', summary: 'Every identity provider (without secrets)' })
  @ApiOkResponse({ type: IdentityProviderListResponse })
  @ApiProblems('unauthorized', 'forbidden', 'mfa_enrollment_required', 'unavailable')
  async listIdentityProviders(): Promise<IdentityProviderListResponse> {
    return { items: (await this.providers.list()).map((p) => this.toResponse(p)) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getIdentityProvider', summary: 'One identity provider (without its secret)' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: IdentityProviderResponse })
  @ApiProblems('unauthorized', 'forbidden', 'mfa_enrollment_required', 'not_found', 'unavailable')
  async getIdentityProvider(@Param('id') id: string): Promise<IdentityProviderResponse> {
    return this.toResponse((await this.providers.get(providerId(id))) ?? notFound());
  }

  @Put(':id')
  @RequiresStepUp()
  @ApiOperation({ operationId: 'updateIdentityProvider', summary: 'Replace an identity provider\'s settings (leave clientSecret out to keep the stored one)' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: IdentityProviderResponse })
  @ApiProblems('validation_failed', 'unauthorized', 'forbidden', 'step_up_required', 'mfa_enrollment_required', 'not_found', 'domain_taken', 'identity_provider_managed_by_env', 'unavailable')
  async updateIdentityProvider(@CurrentAdminActor() by: AdminActor, @Param('id') id: string, @Body() body: UpdateIdentityProviderDto): Promise<IdentityProviderResponse> {
    return this.toResponse(await this.changes.replace(providerId(id), body, by));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequiresStepUp()
  @ApiOperation({ operationId: 'deleteIdentityProvider', summary: 'Delete an identity provider with its domains and linked identities (the accounts stay)' })
  @ApiParam(ID_PARAM)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems('unauthorized', 'forbidden', 'step_up_required', 'mfa_enrollment_required', 'not_found', 'identity_provider_managed_by_env', 'unavailable')
  async deleteIdentityProvider(@CurrentAdminActor() by: AdminActor, @Param('id') id: string): Promise<void> {
    await this.changes.delete(providerId(id), by);
  }

  private toResponse(provider: IdentityProvider): IdentityProviderResponse {
    return toIdentityProviderResponse(provider, ssoRedirectUri(this.config));
  }
}

function notFound(): never {
  throw IdentityErrors.providerNotFound();
}
