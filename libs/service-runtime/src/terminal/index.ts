export * from './text-table.formatter';
