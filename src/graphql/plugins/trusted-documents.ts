import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HeaderMap } from '@apollo/server';
import { GraphQLError, parse } from 'graphql';
import { type Actor } from '../../common/actor';
import { ConfigError } from '../../common/config';
import { type Role } from '../../common/roles';

const VARIABLE = 'GRAPHQL_TRUSTED_DOCUMENTS';

/** The code of a document that is not in the trusted-documents manifest (HTTP 400), as Apollo's router names it. */
export const NOT_IN_LIST = 'PERSISTED_QUERY_NOT_IN_LIST';
/** The code of a hash the server does not know; an APQ client then sends the document's text. */
export const NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The id a client sends for a document: `sha256:<hex>` (GraphQL over HTTP's persisted documents) and `<hex>` are the same. */
const normalId = (id: string) => id.replace(/^sha256:/, '');

/**
 * The registered operations of trusted-documents mode, read once at start from a manifest in
 * either of the common forms:
 * - Apollo's persisted query manifest: `{ "format": "apollo-persisted-query-manifest", "version": 1,
 *   "operations": [{ "id": "<sha256 of body>", "name": ..., "type": ..., "body": "<document>" }] }`;
 * - a map of id to document, as GraphQL Codegen's client preset (`persistedDocuments`) writes it:
 *   `{ "<hash>": "<document>" }`.
 */
export class TrustedDocuments {
  private constructor(
    private readonly byId: Map<string, string>,
    /** sha256 (hex) of each registered document's exact text: a client may send the text itself. */
    private readonly textHashes: Set<string>,
    readonly bypassRoles: readonly Role[],
  ) {}

  get size(): number {
    return this.byId.size;
  }

  static fromManifest(manifest: unknown, bypassRoles: readonly Role[] = [], source = VARIABLE): TrustedDocuments {
    const entries: [string, unknown][] = [];
    const m = manifest as Record<string, unknown> | null;
    if (m && typeof m === 'object' && !Array.isArray(m) && m.format === 'apollo-persisted-query-manifest') {
      if (m.version !== 1) throw new ConfigError([`${source}: an Apollo persisted query manifest of version ${String(m.version)}; only version 1 is read`]);
      if (!Array.isArray(m.operations)) throw new ConfigError([`${source}: "operations" must be a list`]);
      m.operations.forEach((o: { id?: unknown; body?: unknown }, i: number) => entries.push([typeof o?.id === 'string' ? o.id : `operations[${i}]`, o?.body]));
    } else if (m && typeof m === 'object' && !Array.isArray(m)) {
      entries.push(...Object.entries(m));
    } else {
      throw new ConfigError([`${source}: must be a JSON object: an Apollo persisted query manifest, or a map of document id to document`]);
    }
    const byId = new Map<string, string>();
    const problems: string[] = [];
    for (const [id, body] of entries) {
      if (typeof body !== 'string' || body.trim() === '') {
        problems.push(`${source}: the document ${id} is not a string`);
        continue;
      }
      try {
        parse(body);
      } catch (error) {
        problems.push(`${source}: the document ${id} does not parse (${(error as Error).message})`);
        continue;
      }
      byId.set(normalId(id), body);
    }
    if (problems.length) throw new ConfigError(problems);
    return new TrustedDocuments(byId, new Set([...byId.values()].map(sha256)), bypassRoles);
  }

  static load(file: string, bypassRoles: readonly Role[] = []): TrustedDocuments {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError([`${VARIABLE}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ConfigError([`${VARIABLE}: ${file} is not JSON (${(error as Error).message})`]);
    }
    return TrustedDocuments.fromManifest(json, bypassRoles, `${VARIABLE} (${file})`);
  }

  /** The document registered under `id`, if any. */
  document(id: string): string | undefined {
    return this.byId.get(normalId(id));
  }

  /** Whether `text` is, byte for byte, one of the registered documents. */
  registers(text: string): boolean {
    return this.textHashes.has(sha256(text));
  }

  /** Whether this caller may send documents that are not registered. */
  bypasses(actor: Actor | null): boolean {
    return actor !== null && actor.roles.some((r) => this.bypassRoles.includes(r));
  }
}

/** What a GraphQL request over HTTP carries (the JSON body), as far as persisted documents go. */
export interface PersistedRequestBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } & Record<string, unknown>;
}

/** What a GET request carries in its query string (`query`, `documentId`, `extensions` as JSON), as a body would. */
export function bodyOfGet(params: Record<string, unknown>): PersistedRequestBody {
  let extensions: PersistedRequestBody['extensions'];
  try {
    extensions = typeof params.extensions === 'string' ? (JSON.parse(params.extensions) as PersistedRequestBody['extensions']) : undefined;
  } catch {
    extensions = undefined;
  }
  return { query: params.query, documentId: params.documentId, extensions };
}

/**
 * Before Apollo reads the request: a registered document sent by id (`documentId`, or an APQ
 * `extensions.persistedQuery.sha256Hash` that the manifest knows) becomes its text, so the rest
 * of the pipeline sees an ordinary request. Answers whether it did.
 */
export function resolveRegisteredDocument(body: PersistedRequestBody, trusted: TrustedDocuments): boolean {
  if (!body || typeof body !== 'object' || body.query !== undefined) return false;
  const id = typeof body.documentId === 'string' ? body.documentId : body.extensions?.persistedQuery?.sha256Hash;
  if (typeof id !== 'string') return false;
  const document = trusted.document(id);
  if (document === undefined) return false;
  body.query = document;
  delete body.documentId;
  if (body.extensions?.persistedQuery) delete body.extensions.persistedQuery;
  return true;
}

/**
 * The refusal of a request in trusted-documents mode, or null when it may run: a registered
 * document (by id, or its exact text), or any document from a caller with a bypass role.
 * A hash the manifest does not know answers PERSISTED_QUERY_NOT_FOUND (an APQ client then sends
 * the text, which is judged in turn); text that is not registered, PERSISTED_QUERY_NOT_IN_LIST.
 */
export function trustedDocumentRefusal(body: PersistedRequestBody, resolved: boolean, actor: Actor | null, trusted: TrustedDocuments): GraphQLError | null {
  if (resolved || trusted.bypasses(actor)) return null;
  if (typeof body?.query === 'string') {
    if (trusted.registers(body.query)) return null;
    return new GraphQLError('Only registered operations are accepted here: send the id of a document of the trusted-documents manifest (documentId, or extensions.persistedQuery.sha256Hash).', {
      extensions: { code: NOT_IN_LIST, http: { status: 400 } },
    });
  }
  if (typeof body?.documentId === 'string' || typeof body?.extensions?.persistedQuery?.sha256Hash === 'string') {
    return new GraphQLError('PersistedQueryNotFound', {
      extensions: { code: NOT_FOUND, http: { status: 200, headers: new HeaderMap([['cache-control', 'private, no-cache, must-revalidate']]) } },
    });
  }
  return null; // no document at all: Apollo refuses it as malformed
}
