import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EMBEDDED_TEMPLATE_FILE, embeddedTemplate } from './embedded-template';

describe('embedded database template', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sla-template-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('lives in dist/, beside the built server', () => {
    expect(path.relative(path.resolve(__dirname, '../..'), EMBEDDED_TEMPLATE_FILE)).toBe(path.join('dist', 'embedded-template.tar'));
  });

  it('is used for a new database (in memory, an empty folder, a folder with only the jwt-secret) and never for an existing one', () => {
    // npm test builds first, and the build writes the template.
    expect(embeddedTemplate(null)).toBeInstanceOf(Blob);
    expect(embeddedTemplate(folder())).toBeInstanceOf(Blob);
    const withSecret = folder();
    writeFileSync(path.join(withSecret, 'jwt-secret'), 'x');
    expect(embeddedTemplate(withSecret)).toBeInstanceOf(Blob);

    const existing = folder();
    writeFileSync(path.join(existing, 'PG_VERSION'), '17\n');
    expect(embeddedTemplate(existing)).toBeUndefined();
  });
});
