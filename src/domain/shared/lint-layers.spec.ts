import { importProblems } from '../../../test/support/import-problems';

/**
 * The layering rule in eslint.config.mjs: imports flow down (graphql -> jobs -> domain ->
 * context -> db -> common), migrations import nothing from src, only src/graphql speaks GraphQL.
 */
describe('layering rule', () => {
  it.each([
    ['src/common/x.ts', "import { x } from '../graphql/schema';", /src\/common may not import from a layer above it/],
    ['src/common/x.ts', "import { x } from '../db/data-source';", /layer above/],
    ['src/db/x.ts', "import { x } from '../context/request-context';", /layer above/],
    ['src/context/x.ts', "import { x } from '../domain/catalog/segment.service';", /layer above/],
    ['src/domain/catalog/x.ts', "import { x } from '../../jobs/x';", /src\/domain may not import from a layer above it/],
    ['src/domain/catalog/x.ts', "import { x } from '../../graphql/catalog/segment.type';", /layer above/],
    ['src/jobs/x.ts', "import { x } from '../graphql/app';", /layer above/],
    ['src/graphql/catalog/x.ts', "import { x } from '../../main';", /layer above/],
    ['migrations/1800000000000-x.ts', "import { x } from '../src/common/config';", /Migrations import nothing from src/],
    ['src/domain/catalog/x.ts', "import { Field as x } from 'type-graphql';", /Only src\/graphql speaks GraphQL/],
    ['src/common/x.ts', "import { GraphQLError as x } from 'graphql';", /Only src\/graphql speaks GraphQL/],
    ['src/jobs/x.ts', "import { ApolloServer as x } from '@apollo/server';", /Only src\/graphql speaks GraphQL/],
    ['src/domain/catalog/x.ts', "import { GraphQLError as x } from 'graphql/error';", /Only src\/graphql speaks GraphQL/],
    ['src/domain/catalog/x.ts', "import { DateTimeResolver as x } from 'graphql-scalars';", /Only src\/graphql speaks GraphQL/],
    ['src/context/x.ts', "export { Authorized as x } from 'type-graphql';", /Only src\/graphql speaks GraphQL/],
  ])('refuses, in %s: %s', async (file, code, message) => {
    const problems = await importProblems(file, code);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it.each([
    ['src/domain/catalog/x.ts', "import { x } from '../../db/entities';"],
    ['src/domain/catalog/x.ts', "import { x } from '../../common/errors';"],
    ['src/domain/catalog/x.ts', "import { x } from '../shared/pagination';"],
    ['src/domain/catalog/x.ts', "import { x } from '../../context/request-context';"],
    ['src/jobs/x.ts', "import { x } from '../domain/catalog/segment.service';"],
    ['src/graphql/catalog/x.ts', "import { Field as x } from 'type-graphql';"],
    ['src/graphql/catalog/x.ts', "import { x } from '../../jobs/x';"],
    ['src/common/x.ts', "import { z as x } from 'zod';"],
    ['src/graphql/plugins/x.ts', "import { x } from '@escape.tech/graphql-armor';"],
    ['migrations/1800000000000-x.ts', "import { x } from 'typeorm';"],
  ])('allows, in %s: %s', async (file, code) => {
    expect(await importProblems(file, code)).toEqual([]);
  });
});
