export * from '../../server/src/check/soft-authenticator.ts';
