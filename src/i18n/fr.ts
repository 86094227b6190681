import type { PasskeyStrings } from './en.ts';

const fr: PasskeyStrings = {
  usernameLabel: 'Nom d’utilisateur ou e-mail',
  displayNameLabel: 'Votre nom (facultatif)',
  loginHint: 'Laissez vide pour choisir l’une de vos clés d’accès enregistrées.',
  registerButton: 'Créer une clé d’accès',
  loginButton: 'Se connecter avec une clé d’accès',
  usernameRequired: 'Saisissez d’abord un nom d’utilisateur ou un e-mail.',
  registering: 'Création de votre clé d’accès. Suivez les instructions de votre navigateur ou appareil.',
  authenticating: 'En attente de votre clé d’accès. Suivez les instructions de votre navigateur ou appareil.',
  registered: 'Clé d’accès créée pour {username}. La prochaine fois, connectez-vous avec elle.',
  authenticated: 'Connecté en tant que {username}.',
  authenticatedNoName: 'Vous êtes connecté.',
  notSupported: 'Ce navigateur ne peut pas utiliser de clés d’accès. Mettez-le à jour, ou continuez dans un autre navigateur ou sur un autre appareil.',
  errorAborted: 'La demande a été interrompue. Veuillez réessayer.',
  errorTimeout: 'Le serveur a mis trop de temps à répondre. Veuillez réessayer.',
  errorAlreadyRegistered: 'Ce compte a déjà une clé d’accès. Connectez-vous plutôt avec elle.',
  errorUnknownCredential: 'Cette clé d’accès n’est pas reconnue ici. Elle a peut-être été supprimée : essayez-en une autre ou créez-en une nouvelle.',
  errorNetwork: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  errorServer: 'Une erreur s’est produite sur le serveur. Veuillez réessayer dans un instant.',
  errorInvalidResponse: 'La réponse du serveur est incompréhensible. Veuillez réessayer plus tard.',
  errorVerificationFailed: 'Votre clé d’accès n’a pas pu être vérifiée. Veuillez réessayer.',
  errorSecurity: 'Les clés d’accès ne peuvent pas être utilisées à cette adresse web.',
  errorUnauthorized: 'Veuillez d’abord vous connecter.',
  errorUnknown: 'Un problème est survenu. Veuillez réessayer.',
};
export default fr;
