import type { components } from './generated/api.js';

type Schemas = components['schemas'];

/** An account as the API shows it. */
export type User = Schemas['User'];
/** A cookie-mode login-like answer (signup, login, refresh, MFA and passkey sign-in). */
export type LoginResponse = Schemas['LoginResponse'];
/** A password login of an account with a second factor: finish it with `POST /v1/auth/mfa/verify`. */
export type MfaRequiredResponse = Schemas['MfaRequiredResponse'];
export type StepUpResponse = Schemas['StepUpResponse'];
/** A second factor an account can have. */
export type MfaMethod = MfaRequiredResponse['methods'][number];
