/**
 * The English strings every element uses: the ceremony elements' and the error messages. The elements bundle
 * English in parts (this, en-manager.ts, en-recovery.ts), each only the parts it shows; en.ts is all of them.
 * `{username}` is replaced with the account's name.
 */
export default {
  usernameLabel: 'Username or email',
  displayNameLabel: 'Your name (optional)',
  loginHint: 'Leave it empty to choose one of your saved passkeys.',
  registerButton: 'Create a passkey',
  loginButton: 'Sign in with a passkey',
  usernameRequired: 'Enter a username or email first.',
  registering: 'Creating your passkey. Follow the prompt of your browser or device.',
  authenticating: 'Waiting for your passkey. Follow the prompt of your browser or device.',
  registered: 'Passkey created for {username}. Next time, sign in with it.',
  authenticated: 'Signed in as {username}.',
  authenticatedNoName: 'You are signed in.',
  notSupported: 'This browser cannot use passkeys. Update it, or continue in another browser or on another device.',
  errorAborted: 'The request was interrupted. Please try again.',
  errorTimeout: 'The server took too long to answer. Please try again.',
  errorAlreadyRegistered: 'This account already has a passkey. Sign in with it instead.',
  errorUnknownCredential: 'This passkey is not known here. It may have been removed: try another one, or create a new one.',
  errorNetwork: 'The server cannot be reached. Check your connection and try again.',
  errorServer: 'Something went wrong on the server. Please try again in a moment.',
  errorRefused: 'The server did not accept this. Check what you entered, then try again.',
  errorInvalidResponse: 'The server sent an answer that could not be understood. Please try again later.',
  errorVerificationFailed: 'Your passkey could not be verified. Please try again.',
  errorSecurity: 'Passkeys cannot be used at this web address.',
  errorUnauthorized: 'Please sign in first.',
  errorUnknown: 'Something went wrong. Please try again.',
  usernameTooLong: 'This is too long: use at most {max} characters.',
  usernameInvalid: 'Remove invisible, control and direction-changing characters.',
  signInTrouble: 'No passkey was used. Try again, or use a device that has your passkey.',
  lostPasskey: 'Lost your passkey?',
};
