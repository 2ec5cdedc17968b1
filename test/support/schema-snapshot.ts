import { DataSource } from 'typeorm';

/**
 * Everything a migration can create in the public schema, in a stable order, so two states of a
 * database can be compared with toEqual (e.g. "after down" against "before up").
 */
const QUERIES = {
  relations: `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' ORDER BY 1, 2`,
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns
            WHERE table_schema = 'public' ORDER BY 1, 2`,
  constraints: `SELECT conrelid::regclass::text AS table_name, conname AS name, pg_get_constraintdef(oid) AS definition
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  indexes: `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`,
  types: `SELECT typname AS name, typtype AS kind FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype IN ('e', 'd', 'r', 'm') ORDER BY 1`,
  functions: `SELECT proname AS name, pg_get_function_identity_arguments(oid) AS args FROM pg_proc
              WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 2`,
  triggers: `SELECT t.tgname AS name, t.tgrelid::regclass::text AS table_name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal ORDER BY 1, 2`,
  extensions: `SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`,
};

export type SchemaSnapshot = Record<keyof typeof QUERIES, unknown[]>;

export async function snapshotSchema(dataSource: DataSource): Promise<SchemaSnapshot> {
  const snapshot = {} as SchemaSnapshot;
  for (const [key, sql] of Object.entries(QUERIES)) snapshot[key as keyof typeof QUERIES] = await dataSource.query(sql);
  return snapshot;
}
