import { createHash } from 'node:crypto';
import { ConfigError } from '../../common/config';
import { Role } from '../../common/roles';
import { resolveRegisteredDocument, TrustedDocuments, trustedDocumentRefusal } from './trusted-documents';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const VIEWER = 'query Viewer { viewer { roles } }';
const person = (roles: Role[]) => ({ kind: 'USER' as const, id: 'jane', name: 'Jane', providerId: 'p', roles, customerId: null });

describe('trusted documents manifest', () => {
  it('reads a GraphQL Codegen map of hash to document, ids with or without sha256:', () => {
    const trusted = TrustedDocuments.fromManifest({ [sha256(VIEWER)]: VIEWER, 'sha256:abc': '{ viewer { name } }' });
    expect(trusted.size).toBe(2);
    expect(trusted.document(`sha256:${sha256(VIEWER)}`)).toBe(VIEWER);
    expect(trusted.document('abc')).toBe('{ viewer { name } }');
    expect(trusted.document('nope')).toBeUndefined();
    expect(trusted.registers(VIEWER)).toBe(true);
    expect(trusted.registers(`${VIEWER} `)).toBe(false); // the exact text, byte for byte
  });

  it('reads an Apollo persisted query manifest', () => {
    const trusted = TrustedDocuments.fromManifest({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256(VIEWER), name: 'Viewer', type: 'query', body: VIEWER }] });
    expect(trusted.document(sha256(VIEWER))).toBe(VIEWER);
  });

  it('refuses a manifest it cannot use, naming every document at fault', () => {
    expect(() => TrustedDocuments.fromManifest([VIEWER])).toThrow(ConfigError);
    expect(() => TrustedDocuments.fromManifest({ format: 'apollo-persisted-query-manifest', version: 2, operations: [] })).toThrow('only version 1 is read');
    try {
      TrustedDocuments.fromManifest({ a: '{ viewer {', b: 42, c: VIEWER });
      throw new Error('accepted');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^GRAPHQL_TRUSTED_DOCUMENTS: the document a does not parse/),
        'GRAPHQL_TRUSTED_DOCUMENTS: the document b is not a string',
      ]);
    }
    expect(() => TrustedDocuments.load('/nonexistent/manifest.json')).toThrow('GRAPHQL_TRUSTED_DOCUMENTS: cannot read /nonexistent/manifest.json (ENOENT)');
  });

  it('turns a registered id into its text, and judges what may run', () => {
    const trusted = TrustedDocuments.fromManifest({ [sha256(VIEWER)]: VIEWER }, [Role.ANALYST]);
    const byId: Record<string, unknown> = { documentId: `sha256:${sha256(VIEWER)}`, variables: {} };
    expect(resolveRegisteredDocument(byId, trusted)).toBe(true);
    expect(byId).toEqual({ query: VIEWER, variables: {} });
    const apq = { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(VIEWER) }, other: 1 } };
    expect(resolveRegisteredDocument(apq, trusted)).toBe(true);
    expect(apq).toEqual({ query: VIEWER, extensions: { other: 1 } });
    expect(resolveRegisteredDocument({ documentId: 'unknown' }, trusted)).toBe(false);

    expect(trustedDocumentRefusal({ query: VIEWER }, false, null, trusted)).toBeNull();
    expect(trustedDocumentRefusal({ query: '{ viewer { name } }' }, false, person([Role.ACCOUNT_MANAGER]), trusted)?.extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(trustedDocumentRefusal({ query: '{ viewer { name } }' }, false, person([Role.ANALYST]), trusted)).toBeNull();
    expect(trustedDocumentRefusal({ documentId: 'unknown' }, false, null, trusted)?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
