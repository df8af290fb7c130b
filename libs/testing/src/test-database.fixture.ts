import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** URL of a fresh, empty database that only this test file uses. */
  url: string;
  name: string;
  /** Drops the database (terminating leftover connections). */
  drop(): Promise<void>;
}

/** The admin URL chosen by the integration tier's global setup (embedded server or DATABASE_URL). */
export function testAdminUrl(): string {
  const url = process.env['CARGO_TEST_ADMIN_URL'] ?? process.env['DATABASE_URL'];
  if (!url) {
    throw new Error(
      'No test PostgreSQL: run integration tests through their Jest config (its global setup starts one) or set DATABASE_URL.',
    );
  }
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates a throwaway database on the test server; each test file gets its own. */
export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const admin = testAdminUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return {
    name,
    url: withDatabase(admin, name),
    drop: async () => {
      const dropper = new Client({ connectionString: admin });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
