export * from './base-service.config';
export * from './config.loader';
export * from './health.controller';
export * from './health.module';
export * from './service-database.module';
export * from './service.bootstrap';
export * from './cli-data-source.factory';
export * from './scaled.clock';
