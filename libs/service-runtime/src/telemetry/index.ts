export * from './service.logger';
export * from './metrics.module';
export * from './metrics.endpoint';
