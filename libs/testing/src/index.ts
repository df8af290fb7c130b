export * from './test-database.fixture';
export * from './wait-for.util';
