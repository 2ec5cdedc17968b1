import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsString, Matches } from 'class-validator';

/** A role name: lower-case, starts with a letter, at most 64 characters; it travels in the access token's `roles` claim. */
export const ROLE_PATTERN = /^[a-z][a-z0-9_.:-]{0,63}$/;
/** Bounds the token: every role is a claim in every access token of the user. */
export const MAX_ROLES = 32;

/** A list of role names (validated each), as set on an account. */
export const IsRoleList = () =>
  applyDecorators(IsArray(), ArrayMaxSize(MAX_ROLES), IsString({ each: true }), Matches(ROLE_PATTERN, { each: true, message: 'each role must match ^[a-z][a-z0-9_.:-]{0,63}$' }));

/** The same roles, each once, in a stable order, so the token and the audit detail do not depend on how they were sent. */
export const canonicalRoles = (roles: readonly string[]): string[] => [...new Set(roles)].sort();
