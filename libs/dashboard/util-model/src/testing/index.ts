export * from './call-fixtures';
