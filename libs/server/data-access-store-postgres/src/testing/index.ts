export { dropSchema, randomSchemaName, TEST_DATABASE_URL } from './test-database';
