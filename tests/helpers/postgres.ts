/** PostgreSQL for the tests that start their own Strapi processes: a client, and a throwaway database per test file. */
import { Client } from 'pg';

/** A client as the tests' Strapi would connect (DATABASE_HOST/PORT/USERNAME/PASSWORD), to `database`. */
export const pgClient = (database = 'postgres') =>
  new Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'postgres',
    password: process.env.DATABASE_PASSWORD,
    database,
  });

async function asAdmin(sql: string) {
  const client = pgClient();
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database name no other run uses: newsroom_<label>_<pid>_<time>. */
export const uniqueDatabaseName = (label: string) => `newsroom_${label}_${process.pid}_${Date.now()}`;

export const createDatabase = (name: string) => asAdmin(`CREATE DATABASE "${name}"`);

/** Drops the database even while connections remain (a killed instance's). */
export const dropDatabase = (name: string) => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
