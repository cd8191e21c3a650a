import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { Role } from '../src/common/roles';
import { until } from './support/live-client';
import { TestApp } from './support/test-app';

/**
 * GraphiQL is served by the server itself, with every script and style from the same origin,
 * so that it works offline and behind firewalls.
 */

const CHROMIUM = '/usr/bin/chromium';
/**
 * How long the browser waits for something to appear before saying what it waited for: a hang
 * guard only, generous because Chromium on a loaded machine is slow (jest's testTimeout is longer).
 */
const BROWSER_HANG_GUARD_MS = 120_000;

/** The values of `attr` on every `<tag>` of the page. */
function attributeValues(html: string, tag: string, attr: string): string[] {
  const tags = html.match(new RegExp(`<${tag}\\b[^>]*>`, 'gi')) ?? [];
  return tags.flatMap((t) => {
    const m = new RegExp(`\\s${attr}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(t);
    return m ? [m[2] ?? m[3]] : [];
  });
}

const decodeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

async function getPage(url: string): Promise<Response> {
  return fetch(`${url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
}

let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(() => t.stop());

describe('GraphiQL page', () => {
  let html: string;

  beforeEach(async () => {
    await t.reset();
    const res = await getPage(t.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    html = await res.text();
  });

  it('is served to a browser asking GET /graphql', () => {
    expect(html).toMatch(/<title>[^<]*GraphiQL[^<]*<\/title>/);
    expect(html).toContain('id="graphiql"');
  });

  it('loads every script and style from this server, and each one is there', async () => {
    const scripts = attributeValues(html, 'script', 'src');
    const styles = attributeValues(html, 'link', 'href');
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    expect(styles.length).toBeGreaterThanOrEqual(1);

    for (const src of [...scripts, ...styles]) {
      expect(src).toMatch(/^\/(?!\/)/); // a path on this origin, not "//cdn.example.com"
      const res = await fetch(`${t.url}${src}`);
      expect({ src, status: res.status }).toEqual({ src, status: 200 });
      const expectedType = scripts.includes(src) ? /^(text|application)\/javascript/ : /^text\/css/;
      expect(res.headers.get('content-type')).toMatch(expectedType);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('names no http:// or https:// URL to load scripts or styles from', () => {
    const loaded = [...attributeValues(html, 'script', 'src'), ...attributeValues(html, 'link', 'href')];
    expect(loaded.filter((u) => /^(https?:)?\/\//i.test(u))).toEqual([]);
    const inlineStyles = (html.match(/<style\b[^>]*>[\s\S]*?<\/style>/gi) ?? []).join('\n');
    expect(inlineStyles).not.toMatch(/https?:\/\//i);
    expect(inlineStyles).not.toMatch(/@import/i);
    const inlineScripts = (html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []).join('\n');
    expect(inlineScripts).not.toMatch(/https?:\/\//i);
  });

  it('links to an example query that runs without errors', async () => {
    const provider = await t.provider('acme');
    const admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
    await t.ok(
      `mutation { customerCreate(input: { name: "Initech", sizeBand: LARGE, industry: "Software", region: EUROPE, tier: GOLD, country: "DE", timeZone: "Europe/Berlin" }) { userErrors { code } } }`,
      {},
      admin,
    );
    await t.ok(`mutation { segmentCreate(input: { name: "Gold customers", rules: [{ tiers: [GOLD] }] }) { userErrors { code } } }`, {}, admin);

    const example = attributeValues(html, 'a', 'href').map(decodeHtml).find((href) => href.startsWith('/graphql?query='));
    expect(example).toBeDefined();
    const query = new URL(example as string, t.url).searchParams.get('query') as string;
    expect(query).toMatch(/customers/);

    const res = await t.gql<{ customers: { nodes: { name: string; segments: { nodes: { name: string }[] } }[] } }>(query, {}, { token: admin });
    expect(res.errors).toBeUndefined();
    expect(res.data.customers.nodes).toEqual([expect.objectContaining({ name: 'Initech', segments: { nodes: [{ name: 'Gold customers' }] } })]);
  });
});

/**
 * The browser test needs Debian's Chromium. CI (.ci/run) installs it and the test must run there;
 * on a developer machine without it the test is left out, and the run says so.
 */
const describeInBrowser = (name: string, body: () => void) => {
  if (existsSync(CHROMIUM) || process.env.CI) return describe(name, body);
  const reason = `needs Chromium at ${CHROMIUM} (apt-get install -y chromium); .ci/run installs it`;
  console.log(`Left out "${name}": it ${reason}.`);
  return describe.skip(`${name} (skipped because it ${reason})`, body);
};

describeInBrowser('GraphiQL in a browser (Chromium)', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is needed at ${CHROMIUM} for the browser test. Install it with: apt-get update && apt-get install -y chromium`);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh page that records every request it makes and everything that goes wrong. */
  async function openRecorded(url: string, storedHeaders?: Record<string, string>) {
    const context = await browser.newContext();
    context.setDefaultTimeout(BROWSER_HANG_GUARD_MS);
    context.setDefaultNavigationTimeout(BROWSER_HANG_GUARD_MS);
    if (storedHeaders) {
      // What GraphiQL keeps after a user pasted a token in the Headers tab.
      await context.addInitScript({ content: `localStorage.setItem('graphiql:headers', ${JSON.stringify(JSON.stringify(storedHeaders))});` });
    }
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => problems.push(`${r.method()} ${r.url()} failed: ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.request().method()} ${r.url()} answered ${r.status()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await page.locator('.graphiql-container').waitFor();
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor();
    await page.waitForLoadState('networkidle');
    return { page, requests, problems, close: () => context.close() };
  }

  it('renders the editor and loads the schema, with every request to this server', async () => {
    const { page, requests, problems, close } = await openRecorded(`${t.url}/graphql`);
    try {
      const origin = new URL(t.url).origin;
      expect(requests.length).toBeGreaterThanOrEqual(5); // the page, 3 scripts, 1 style sheet, the schema
      expect(requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin)).toEqual([]);
      expect(problems).toEqual([]);

      // The schema loaded without a token: the Docs explorer shows the root types.
      await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
      await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
      // It opens with the schema's own guide: how to authenticate, and first queries to try.
      await page.locator('.graphiql-doc-explorer').getByText('Authenticate.', { exact: true }).waitFor();
      expect(await page.locator('.graphiql-doc-explorer').innerText()).toContain('Bearer <token>');
      await page.locator('.graphiql-doc-explorer').getByText('First queries to try:', { exact: true }).waitFor();
    } finally {
      await close();
    }
  });

  it('runs the example query from the page link once a token is in the Headers tab', async () => {
    await t.reset();
    const provider = await t.provider('acme');
    const admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
    await t.ok(
      `mutation { customerCreate(input: { name: "Initech", sizeBand: LARGE, industry: "Software", region: EUROPE, tier: GOLD, country: "DE", timeZone: "Europe/Berlin" }) { userErrors { code } } }`,
      {},
      admin,
    );

    const { page, problems, close } = await openRecorded(`${t.url}/graphql`, { Authorization: `Bearer ${admin}` });
    try {
      await Promise.all([page.waitForURL(/\/graphql\?query=/), page.locator('#example-link').click()]);
      await page.locator('.graphiql-query-editor').getByText('query Example').waitFor();
      await page.locator('.graphiql-execute-button').click();
      await page.locator('.graphiql-response').getByText('"Initech"').waitFor();
      expect(await page.locator('.graphiql-response').innerText()).not.toContain('"errors"');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('runs a subscription over WebSocket with the token of the Headers tab, and shows events as they come', async () => {
    await t.reset();
    const provider = await t.provider('acme');
    const admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
    const customer = (
      await t.ok(
        `mutation { customerCreate(input: { name: "Initech", sizeBand: LARGE, industry: "Software", region: EUROPE, tier: GOLD, country: "DE", timeZone: "Europe/Berlin" }) { customer { id } } }`,
        {},
        admin,
      )
    ).customerCreate.customer.id;
    const service = (await t.ok(`mutation { serviceCreate(input: { code: "MPG", name: "Managed PostgreSQL" }) { service { id } } }`, {}, admin)).serviceCreate.service.id;

    const subscription = 'subscription Live { incidentEvents { type incident { title } } }';
    const { page, problems, close } = await openRecorded(`${t.url}/graphql?query=${encodeURIComponent(subscription)}`, { Authorization: `Bearer ${admin}` });
    try {
      await page.locator('.graphiql-execute-button').click();
      await until(() => t.app.liveEvents.subscriberCount > 0, 'the subscription from GraphiQL to reach the server');
      expect(t.app.liveEvents.subscriberCount).toBe(1);
      await t.ok(
        `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { userErrors { code } } }`,
        { i: { customer, service, priority: 'P2', impact: 'DEGRADED', title: 'Seen live in GraphiQL', startedAt: new Date(Date.now() - 60_000).toISOString() } },
        admin,
      );
      await page.locator('.graphiql-response').getByText('"Seen live in GraphiQL"').waitFor();
      expect(await page.locator('.graphiql-response').innerText()).toContain('incident.reported');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
