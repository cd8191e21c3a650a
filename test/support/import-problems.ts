import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The messages of `ruleId` for `code` placed at `file` (relative to the project), for the tests of the lint rules. */
export async function ruleProblems(ruleId: string, file: string, code: string): Promise<string[]> {
  if (await eslint.isPathIgnored(path.join(root, file))) throw new Error(`${file} is ignored by ESLint`);
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath: path.join(root, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`ESLint could not parse the snippet: ${fatal[0].message}`);
  return result.messages.filter((m) => m.ruleId === ruleId && m.severity === 2).map((m) => m.message);
}

/** The messages of the no-restricted-imports rule (the layer and area rules). */
export const importProblems = (file: string, code: string): Promise<string[]> => ruleProblems('no-restricted-imports', file, code);
