import { checkEventTypes, checkWebhookUrl, signingSecrets } from './webhook-endpoint-rules';

describe('webhook endpoint URLs', () => {
  it.each([
    ['https://hooks.example.com/sla', 'https://hooks.example.com/sla'],
    ['  http://127.0.0.1:8080/hooks?x=1  ', 'http://127.0.0.1:8080/hooks?x=1'],
    ['HTTPS://Hooks.Example.COM', 'https://hooks.example.com/'],
    ['https://[::1]:9000/h', 'https://[::1]:9000/h'],
  ])('accepts %j as %j', (raw, url) => {
    expect(checkWebhookUrl(raw)).toEqual({ url });
  });

  it.each([
    ['', 'blank'],
    ['   ', 'blank'],
    ['hooks.example.com/sla', 'absolute'],
    ['/relative/path', 'absolute'],
    ['ftp://hooks.example.com/', 'http or https'],
    ['javascript:alert(1)', 'http or https'],
    ['file:///etc/passwd', 'http or https'],
    ['https://user:secret@hooks.example.com/', 'user name or password'],
    ['https://user@hooks.example.com/', 'user name or password'],
    ['https://hooks.example.com/#top', 'fragment'],
    [`https://hooks.example.com/${'a'.repeat(2000)}`, 'at most 2000'],
  ])('refuses %j (%s)', (raw, problem) => {
    const checked = checkWebhookUrl(raw);
    expect('problem' in checked && checked.problem).toContain(problem);
  });
});

describe('webhook event types', () => {
  it('keeps known types once each, in the order given', () => {
    expect(checkEventTypes(['revision.activated', 'incident.breached', 'revision.activated', ' review.due '], ['events'])).toEqual({
      types: ['revision.activated', 'incident.breached', 'review.due'],
      problems: [],
    });
    expect(checkEventTypes([], ['events'])).toEqual({ types: [], problems: [] });
  });

  it('names each unknown type by its position, and is case-sensitive like receivers', () => {
    const { types, problems } = checkEventTypes(['incident.breached', 'Incident.Breached', 'incident.*', 'INCIDENT_BREACHED'], ['events']);
    expect(types).toEqual(['incident.breached']);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['INVALID_INPUT', ['events', 1]],
      ['INVALID_INPUT', ['events', 2]],
      ['INVALID_INPUT', ['events', 3]],
    ]);
    expect(problems[0].message).toContain('revision.activated');
  });
});

describe('signing secrets during a rotation', () => {
  const at = new Date('2026-06-01T12:00:00Z');
  it('signs with the current secret, plus the previous one until it expires', () => {
    expect(signingSecrets({ secret: 'new', previousSecret: null, previousSecretExpiresAt: null }, at)).toEqual(['new']);
    expect(signingSecrets({ secret: 'new', previousSecret: 'old', previousSecretExpiresAt: new Date('2026-06-01T12:00:01Z') }, at)).toEqual(['new', 'old']);
    expect(signingSecrets({ secret: 'new', previousSecret: 'old', previousSecretExpiresAt: at }, at)).toEqual(['new']);
  });
});
