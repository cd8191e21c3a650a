import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EMBEDDED_TEMPLATE_FILES, embeddedTemplate } from './embedded-template';

describe('embedded database template', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sla-template-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('lives in dist/, beside the built server: one empty, one with the demo', () => {
    const root = path.resolve(__dirname, '../..');
    expect(path.relative(root, EMBEDDED_TEMPLATE_FILES.empty)).toBe(path.join('dist', 'embedded-template.tar'));
    expect(path.relative(root, EMBEDDED_TEMPLATE_FILES.demo)).toBe(path.join('dist', 'embedded-demo-template.tar'));
  });

  it('is used for a new database (in memory, an empty folder, a folder with only the jwt-secret) and never for an existing one', () => {
    // npm test builds first, and the build writes the template.
    expect(embeddedTemplate(null)).toBeInstanceOf(Blob);
    expect(embeddedTemplate(null, 'demo')).toBeInstanceOf(Blob);
    expect(embeddedTemplate(folder())).toBeInstanceOf(Blob);
    const withSecret = folder();
    writeFileSync(path.join(withSecret, 'jwt-secret'), 'x');
    expect(embeddedTemplate(withSecret)).toBeInstanceOf(Blob);

    const existing = folder();
    writeFileSync(path.join(existing, 'PG_VERSION'), '17\n');
    expect(embeddedTemplate(existing)).toBeUndefined();
    expect(embeddedTemplate(existing, 'demo')).toBeUndefined();
  });
});
