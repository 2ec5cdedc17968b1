import { Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { UserErrors } from '@identsphere/users';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id names no account: the same 404 as an unknown one. */
class UserIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw UserErrors.notFound();
    return value.toLowerCase();
  }
}

/** The `{id}` path parameter of /v1/admin/users/{id}…: a user id, lower-cased. */
export const UserIdParam = () => Param('id', new UserIdPipe());

/** Documents that parameter. */
export const ApiUserIdParam = () =>
  applyDecorators(ApiParam({ name: 'id', format: 'uuid', description: 'A user id; anything else is 404 not_found', example: '6a1f4b8e-2d3c-4e5f-8a9b-0c1d2e3f4a5b' }));
