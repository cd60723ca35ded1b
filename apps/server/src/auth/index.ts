// Who is calling: login tokens and the identity resolver shared by HTTP routes and the ws upgrade.
export { authSettings } from './auth-settings.js';
export { clientKeyOf, openidOf } from './identity.js';
export type { ClientKey, Identity } from './identity.js';
export { LoginTokens, MIN_SECRET_BYTES } from './login-token.js';
export type { IssuedToken, LoginTokensOptions, TokenClaims } from './login-token.js';
export { loginWithCode } from './login-with-code.js';
export type { LoginDeps, LoginExchange } from './login-with-code.js';
export { createIdentityResolver } from './resolve-identity.js';
export type { AuthMode, IdentityResolver, IdentityResolverOptions, RequestHeaders } from './resolve-identity.js';
