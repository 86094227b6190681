import type { PasskeyStrings } from './en.ts';

const zhHans: PasskeyStrings = {
  usernameLabel: '用户名或电子邮件',
  displayNameLabel: '您的姓名（可选）',
  loginHint: '留空即可从已保存的通行密钥中选择。',
  registerButton: '创建通行密钥',
  loginButton: '使用通行密钥登录',
  usernameRequired: '请先输入用户名或电子邮件。',
  registering: '正在创建通行密钥。请按照浏览器或设备的提示操作。',
  authenticating: '正在等待您的通行密钥。请按照浏览器或设备的提示操作。',
  registered: '已为 {username} 创建通行密钥。下次请使用它登录。',
  authenticated: '已以 {username} 的身份登录。',
  authenticatedNoName: '您已登录。',
  notSupported: '此浏览器无法使用通行密钥。请更新浏览器，或改用其他浏览器或设备。',
  errorAborted: '请求已中断。请重试。',
  errorTimeout: '服务器响应时间过长。请重试。',
  errorAlreadyRegistered: '此账户已有通行密钥。请直接用它登录。',
  errorUnknownCredential: '此处无法识别该通行密钥，它可能已被删除。请尝试其他通行密钥，或创建一个新的。',
  errorNetwork: '无法连接服务器。请检查网络连接后重试。',
  errorServer: '服务器出现问题。请稍后重试。',
  errorInvalidResponse: '无法识别服务器的响应。请稍后重试。',
  errorVerificationFailed: '无法验证您的通行密钥。请重试。',
  errorSecurity: '此网址无法使用通行密钥。',
  errorUnauthorized: '请先登录。',
  errorUnknown: '出现了问题。请重试。',
};
export default zhHans;
