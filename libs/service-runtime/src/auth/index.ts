export * from './identity.model';
export * from './token.verifier';
export * from './auth.decorators';
export * from './api-key.authenticator';
export * from './access.guard';
export * from './client-throttler.guard';
export * from './client-credentials.token-source';
