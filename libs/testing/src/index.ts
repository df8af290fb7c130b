export * from './test-database.fixture';
export * from './wait-for.util';
export * from './service-process.fixture';
export * from './free-port.util';
export * from './service-boot.suite';
export * from './test-broker.fixture';
export * from './tcp-proxy.fixture';
export * from './prometheus-text.util';
