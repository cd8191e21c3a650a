import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';

const INSTANTS = new Set(['timestamptz', 'timestamp with time zone', 'timestamp', 'timestamp without time zone']);

/**
 * An entity from a row that PostgreSQL turned into JSON (`to_jsonb(t)`): keys are column names,
 * instants ISO strings, numerics numbers. Lets one statement bring back rows of several tables
 * (as JSON) and still hand on the entities the rest of the code expects: each column is named
 * and typed as the entity declares it, its transformer applied. Null for a null row.
 */
export function entityFromJson<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, json: Record<string, unknown> | null | undefined): T | null {
  if (!json) return null;
  const metadata = em.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    let value = json[column.databaseName];
    if (value === undefined) continue;
    if (value !== null && INSTANTS.has(String(column.type)) && typeof value === 'string') value = new Date(value);
    if (value !== null && column.type === 'integer' && typeof value === 'string') value = Number(value);
    const transformer = column.transformer;
    if (transformer && !Array.isArray(transformer)) value = transformer.from(value);
    column.setEntityValue(entity, value);
  }
  return entity;
}
