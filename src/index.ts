// The elements join this entry point as they land; until then it is the framework-free client.
export * from './client/index.ts';
