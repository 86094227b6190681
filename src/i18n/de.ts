import type { PasskeyStrings } from './en.ts';

const de: PasskeyStrings = {
  usernameLabel: 'Benutzername oder E-Mail',
  displayNameLabel: 'Ihr Name (optional)',
  loginHint: 'Leer lassen, um einen Ihrer gespeicherten Passkeys auszuwählen.',
  registerButton: 'Passkey erstellen',
  loginButton: 'Mit Passkey anmelden',
  usernameRequired: 'Geben Sie zuerst einen Benutzernamen oder eine E-Mail-Adresse ein.',
  registering: 'Ihr Passkey wird erstellt. Folgen Sie den Hinweisen Ihres Browsers oder Geräts.',
  authenticating: 'Warten auf Ihren Passkey. Folgen Sie den Hinweisen Ihres Browsers oder Geräts.',
  registered: 'Passkey für {username} erstellt. Melden Sie sich künftig damit an.',
  authenticated: 'Angemeldet als {username}.',
  authenticatedNoName: 'Sie sind angemeldet.',
  notSupported: 'Dieser Browser kann keine Passkeys verwenden. Aktualisieren Sie ihn oder wechseln Sie zu einem anderen Browser oder Gerät.',
  errorAborted: 'Der Vorgang wurde unterbrochen. Bitte versuchen Sie es erneut.',
  errorTimeout: 'Der Server hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut.',
  errorAlreadyRegistered: 'Für dieses Konto gibt es bereits einen Passkey. Melden Sie sich stattdessen damit an.',
  errorUnknownCredential: 'Dieser Passkey ist hier nicht bekannt. Vielleicht wurde er entfernt: Versuchen Sie einen anderen oder erstellen Sie einen neuen.',
  errorNetwork: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  errorServer: 'Auf dem Server ist ein Fehler aufgetreten. Bitte versuchen Sie es gleich noch einmal.',
  errorInvalidResponse: 'Die Antwort des Servers war unverständlich. Bitte versuchen Sie es später erneut.',
  errorVerificationFailed: 'Ihr Passkey konnte nicht bestätigt werden. Bitte versuchen Sie es erneut.',
  errorSecurity: 'Unter dieser Webadresse können keine Passkeys verwendet werden.',
  errorUnauthorized: 'Bitte melden Sie sich zuerst an.',
  errorUnknown: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
};
export default de;
