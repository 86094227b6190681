/**
 * The WebAuthn virtual authenticator (Chrome DevTools Protocol `WebAuthn.addVirtualAuthenticator` options) that
 * browser tests, story tests, demo tests and the browser benchmarks add: a platform passkey provider with user
 * verification, which answers at once, as a person would.
 */
export const PLATFORM_AUTHENTICATOR = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;
