import type { PasskeyStrings } from './en.ts';

const ptBR: PasskeyStrings = {
  usernameLabel: 'Nome de usuário ou e-mail',
  displayNameLabel: 'Seu nome (opcional)',
  loginHint: 'Deixe em branco para escolher uma das suas chaves de acesso salvas.',
  registerButton: 'Criar uma chave de acesso',
  loginButton: 'Entrar com uma chave de acesso',
  usernameRequired: 'Primeiro digite um nome de usuário ou e-mail.',
  registering: 'Criando sua chave de acesso. Siga as instruções do seu navegador ou dispositivo.',
  authenticating: 'Aguardando sua chave de acesso. Siga as instruções do seu navegador ou dispositivo.',
  registered: 'Chave de acesso criada para {username}. Da próxima vez, entre com ela.',
  authenticated: 'Você entrou como {username}.',
  authenticatedNoName: 'Você entrou.',
  notSupported: 'Este navegador não pode usar chaves de acesso. Atualize-o ou continue em outro navegador ou dispositivo.',
  errorAborted: 'A solicitação foi interrompida. Tente novamente.',
  errorTimeout: 'O servidor demorou demais para responder. Tente novamente.',
  errorAlreadyRegistered: 'Esta conta já tem uma chave de acesso. Entre com ela.',
  errorUnknownCredential: 'Esta chave de acesso não é reconhecida aqui. Talvez tenha sido removida: tente outra ou crie uma nova.',
  errorNetwork: 'Não foi possível acessar o servidor. Verifique sua conexão e tente novamente.',
  errorServer: 'Algo deu errado no servidor. Tente novamente em instantes.',
  errorInvalidResponse: 'Não foi possível entender a resposta do servidor. Tente novamente mais tarde.',
  errorVerificationFailed: 'Não foi possível verificar sua chave de acesso. Tente novamente.',
  errorSecurity: 'Não é possível usar chaves de acesso neste endereço da web.',
  errorUnauthorized: 'Entre primeiro.',
  errorUnknown: 'Algo deu errado. Tente novamente.',
};
export default ptBR;
