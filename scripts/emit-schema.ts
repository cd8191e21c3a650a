import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { schemaSdl } from '../src/graphql/schema-sdl';

/** Writes schema.graphql from the code. A test fails when the committed file differs. */
async function main(): Promise<void> {
  const file = path.resolve(__dirname, '../../schema.graphql');
  writeFileSync(file, await schemaSdl());
  console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
