export * from './embedded-postgres.server';
export * from './database-url.resolver';
export * from './service-data-source.factory';
