import 'reflect-metadata';
import { loadConfig } from './src/common/config';
import { createLogger } from './src/common/logger';
import { createDataSource } from './src/db/data-source';

/** The DataSource for the TypeORM CLI (npm run migration:run): the same configuration the server reads. */
const config = loadConfig();
export default createDataSource(config.database, createLogger(config.logLevel));
