import type { PasskeyStrings } from './en.ts';

const ja: PasskeyStrings = {
  usernameLabel: 'ユーザー名またはメールアドレス',
  displayNameLabel: 'お名前（任意）',
  loginHint: '空欄のままにすると、保存済みのパスキーから選べます。',
  registerButton: 'パスキーを作成',
  loginButton: 'パスキーでサインイン',
  usernameRequired: '先にユーザー名またはメールアドレスを入力してください。',
  registering: 'パスキーを作成しています。ブラウザーまたはデバイスの案内に従ってください。',
  authenticating: 'パスキーを待っています。ブラウザーまたはデバイスの案内に従ってください。',
  registered: '{username} のパスキーを作成しました。次回からはパスキーでサインインできます。',
  authenticated: '{username} としてサインインしました。',
  authenticatedNoName: 'サインインしました。',
  notSupported: 'このブラウザーではパスキーを使えません。ブラウザーを更新するか、別のブラウザーまたはデバイスをお使いください。',
  errorAborted: '処理が中断されました。もう一度お試しください。',
  errorTimeout: 'サーバーの応答に時間がかかりすぎています。もう一度お試しください。',
  errorAlreadyRegistered: 'このアカウントにはすでにパスキーがあります。そのパスキーでサインインしてください。',
  errorUnknownCredential: 'このパスキーはここでは認識されません。削除された可能性があります。別のパスキーを試すか、新しく作成してください。',
  errorNetwork: 'サーバーに接続できません。接続を確認して、もう一度お試しください。',
  errorServer: 'サーバーで問題が発生しました。しばらくしてからもう一度お試しください。',
  errorInvalidResponse: 'サーバーの応答を理解できませんでした。後でもう一度お試しください。',
  errorVerificationFailed: 'パスキーを確認できませんでした。もう一度お試しください。',
  errorSecurity: 'このウェブアドレスではパスキーを使用できません。',
  errorUnauthorized: '先にサインインしてください。',
  errorUnknown: '問題が発生しました。もう一度お試しください。',
};
export default ja;
