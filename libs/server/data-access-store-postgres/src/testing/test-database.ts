import { Client } from 'pg';
import { randomBytes } from 'node:crypto';

/** The PostgreSQL the tests use: `TNT_TEST_DATABASE_URL`, or the local server with trust auth. */
export const TEST_DATABASE_URL = process.env['TNT_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A schema name no other run uses, so parallel runs never see each other's data. */
export function randomSchemaName(): string {
  return `tnt_test_${randomBytes(6).toString('hex')}`;
}

/** Drops `schema` with everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
