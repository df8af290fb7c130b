export * from './http-edge.types';
export * from './http-edge.filter';
export * from './http-edge.installer';
export * from './edge-validation.pipe';
export * from './dependency-failure.util';
export * from './request-context';
export * from './request-input.inspector';
