export * from './crypto.module';
export { argon2idOptions, PasswordHasher, VerifyResult } from './password-hasher';
export { PasswordPolicy, PasswordContext, PasswordRule, PasswordViolation, PASSWORD_MAX_LENGTH } from './password-policy';
export { HashGate, HashGateOptions, HashGateState, overloaded } from './hash-gate';
export { normalizePassword, codePointLength } from './password-normalization';
export { SecretBox } from './secret-box';
export * from './digests';
export { HashMetrics, HashOperation } from './hash-metrics';
export { ClientAssertionKey, CLIENT_ASSERTION_KEY_LABEL } from './client-assertion-key';
