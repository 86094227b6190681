/** The English strings of <passkey-recovery> (see en-common.ts). */
export default {
  recoveryHint: 'Lost your passkey? We will email you a link to create a new one.',
  recoveryButton: 'Send a recovery link',
  recoverySending: 'Asking for a recovery link…',
  recoverySent: 'If an account exists for {username}, we sent it a link to create a new passkey. Check your email.',
  recoveryTokenIntro: 'Create a new passkey for your account.',
  recoveryLinkInvalid: 'This recovery link has expired, was already used, or is not for this account. Ask for a new one below.',
};
