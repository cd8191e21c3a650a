import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Resolver files hold resolvers only: object types live in `*.type.ts`, inputs and arguments in
 * `*.inputs.ts` (beside their registerInputRules), payloads in `*.payloads.ts`, loaders in
 * `*.loaders.ts`. A newcomer finds a type by its file name.
 */
const graphqlDir = path.resolve(__dirname, '..');

const DECLARATIONS: [RegExp, string][] = [
  [/@ObjectType\(/, 'an object type (*.type.ts, or *.payloads.ts for a payload)'],
  [/@InputType\(/, 'an input type (*.inputs.ts)'],
  [/@ArgsType\(/, 'an arguments type (*.inputs.ts)'],
  [/@InterfaceType\(/, 'an interface (*.type.ts)'],
  [/\bPayloadType\(/, 'a payload (*.payloads.ts)'],
  [/\bConnectionType\(/, 'a connection (*.type.ts)'],
  [/\bregisterEnumType\(/, 'an enum (*.type.ts or core/enums.ts)'],
  [/\bregisterInputRules\(/, 'input rules (beside their input type, in *.inputs.ts)'],
];

/** What a resolver file declares that belongs elsewhere. */
function misplaced(code: string): string[] {
  return DECLARATIONS.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
}

function resolverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return resolverFiles(full);
    return e.name.endsWith('.resolver.ts') ? [full] : [];
  });
}

describe('resolver files', () => {
  const files = resolverFiles(graphqlDir);

  it('declare no GraphQL types, inputs, payloads or input rules', () => {
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) => misplaced(readFileSync(file, 'utf8')).map((what) => `${path.relative(graphqlDir, file)}: ${what}`));
    expect(found).toEqual([]);
  });

  it.each([
    ["@ObjectType('XPayload')\nclass XPayload {}", 'an object type'],
    ["@InputType('XInput')\nclass XInput {}", 'an input type'],
    ['@ArgsType()\nclass XArgs {}', 'an arguments type'],
    ["const P = PayloadType('XPayload', 'x', X);", 'a payload'],
    ["const C = ConnectionType(X, 'X');", 'a connection'],
    ["registerEnumType(E, { name: 'E' });", 'an enum'],
    ['registerInputRules(XInput, () => []);', 'input rules'],
  ])('the check finds, in a resolver file: %s', (code, what) => {
    expect(misplaced(code)).toEqual([expect.stringContaining(what)]);
  });

  it('the check lets a resolver use types', () => {
    expect(misplaced("@Resolver(() => X)\nexport class XResolver {\n  @PayloadMutation(() => XPayload, 'Does it.')\n  async xDo() {}\n}")).toEqual([]);
  });
});
