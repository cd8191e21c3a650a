import { isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
/** What TypeORM throws: QueryFailedError with the driver's error inside. */
const typeorm = (driverError: unknown) => Object.assign(new Error('query failed'), { name: 'QueryFailedError', driverError });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['admin shutdown (57P01, pg_terminate_backend)', typeorm(pgError('57P01', 'terminating connection due to administrator command'))],
    ['crash shutdown (57P02)', pgError('57P02')],
    ['cannot connect now (57P03, starting up or shutting down)', pgError('57P03', 'the database system is shutting down')],
    ['connection failure (08006)', pgError('08006')],
    ['connection does not exist (08003)', pgError('08003')],
    ['client unable to establish connection (08001)', pgError('08001')],
    ['too many connections (53300)', pgError('53300')],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['refused on every address (AggregateError)', new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], '')],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['host not found', Object.assign(new Error('getaddrinfo ENOTFOUND db'), { code: 'ENOTFOUND' })],
    ['the connection dropped mid-query', typeorm(new Error('Connection terminated unexpectedly'))],
    ['the pool ended (shutdown)', new Error('Cannot use a pool after calling end on the pool')],
    ['the pool found no connection in time', new Error('timeout exceeded when trying to connect')],
    ['a connect timeout, with its cause', new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })],
    ['a client that lost its connection', new Error('Client has encountered a connection error and is not queryable')],
    ['the embedded database closed', typeorm(new Error('PGlite is closed'))],
    ['TypeORM not connected', Object.assign(new Error('Cannot execute operation on "default" connection'), { name: 'CannotExecuteNotConnectedError' })],
    ['a value thrown that is not an Error', { message: 'Unexpected error value', thrownValue: { code: 'ECONNREFUSED', errno: -111 } }],
  ])('%s: unavailable', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', typeorm(pgError('23505', 'duplicate key'))],
    ['a NUL byte (22021)', typeorm(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))],
    ['a missing table (42P01)', typeorm(pgError('42P01', 'relation "service" does not exist'))],
    ['a statement timeout (57014)', pgError('57014', 'canceling statement due to statement timeout')],
    ['a serialization failure (40001)', pgError('40001')],
    ['a statement bound with the wrong number of parameters (08P01, protocol violation)', typeorm(pgError('08P01', 'bind message supplies 11 parameters, but prepared statement "" requires 15'))],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('%s: not unavailable', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
