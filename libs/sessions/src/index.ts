export * from './session';
export * from './sessions.errors';
export * from './sessions.module';
export { SessionsService, IssuedSession, LogoutResult, RotationResult } from './sessions.service';
export { RefreshTokenCodec } from './refresh-token.codec';
export { toSession, SessionRow, sessionInsertSql, ROTATED, RotationRead } from './persistence/sessions.repository';
