import type { PasskeyStrings } from './en.ts';

const es: PasskeyStrings = {
  usernameLabel: 'Nombre de usuario o correo electrónico',
  displayNameLabel: 'Tu nombre (opcional)',
  loginHint: 'Déjalo vacío para elegir una de tus llaves de acceso guardadas.',
  registerButton: 'Crear una llave de acceso',
  loginButton: 'Iniciar sesión con una llave de acceso',
  usernameRequired: 'Primero introduce un nombre de usuario o correo electrónico.',
  registering: 'Creando tu llave de acceso. Sigue las indicaciones de tu navegador o dispositivo.',
  authenticating: 'Esperando tu llave de acceso. Sigue las indicaciones de tu navegador o dispositivo.',
  registered: 'Llave de acceso creada para {username}. La próxima vez, inicia sesión con ella.',
  authenticated: 'Sesión iniciada como {username}.',
  authenticatedNoName: 'Has iniciado sesión.',
  notSupported: 'Este navegador no puede usar llaves de acceso. Actualízalo o continúa en otro navegador o dispositivo.',
  errorAborted: 'La solicitud se interrumpió. Inténtalo de nuevo.',
  errorTimeout: 'El servidor tardó demasiado en responder. Inténtalo de nuevo.',
  errorAlreadyRegistered: 'Esta cuenta ya tiene una llave de acceso. Inicia sesión con ella.',
  errorUnknownCredential: 'Esta llave de acceso no se reconoce aquí. Puede que se haya eliminado: prueba con otra o crea una nueva.',
  errorNetwork: 'No se puede conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.',
  errorServer: 'Algo salió mal en el servidor. Inténtalo de nuevo en un momento.',
  errorInvalidResponse: 'No se entendió la respuesta del servidor. Inténtalo de nuevo más tarde.',
  errorVerificationFailed: 'No se pudo verificar tu llave de acceso. Inténtalo de nuevo.',
  errorSecurity: 'No se pueden usar llaves de acceso en esta dirección web.',
  errorUnauthorized: 'Primero inicia sesión.',
  errorUnknown: 'Algo salió mal. Inténtalo de nuevo.',
};
export default es;
