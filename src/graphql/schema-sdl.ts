import { lexicographicSortSchema, printSchema } from 'graphql';
import { getSchema } from './schema';

/** The schema as SDL, sorted so that the committed schema.graphql diffs cleanly. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
