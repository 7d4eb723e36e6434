import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { useEmulator } from './harness';

const responsePath = (id: string) => `/api/v2/responsemanagement/responses/${id}`;
const QUERY = '/api/v2/responsemanagement/responses/query';
const LIBRARIES = '/api/v2/responsemanagement/libraries';

describe('GET /api/v2/responsemanagement/responses/{responseId}', () => {
  const ctx = useEmulator();

  it('answers a Response with texts, substitutions and library refs', async () => {
    // Act
    const { status, body } = await ctx.api.get(responsePath(SEED.responses.welcome));

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: SEED.responses.welcome,
      name: 'Welcome',
      version: 1,
      interactionType: 'chat',
      libraries: [{ id: SEED.libraries.customerCare, name: 'Customer Care', selfUri: expect.any(String) }],
      texts: [{ content: expect.stringContaining('{{CUSTOMER_NAME}}'), contentType: 'text/plain', type: 'body' }],
      substitutions: [
        { id: 'CUSTOMER_NAME', description: expect.any(String) },
        { id: 'AGENT_NAME', description: expect.any(String), defaultValue: 'your agent' },
      ],
      selfUri: `/api/v2/responsemanagement/responses/${SEED.responses.welcome}`,
    });
    expect(body.substitutions[0]).not.toHaveProperty('defaultValue');
    expect(ctx.emulator.calls.count('getResponse')).toBe(1);
  });

  it('serves the edge-case responses of the seed as documented', async () => {
    // Act
    const [html, email, template, tooLong] = await Promise.all(
      [SEED.responses.openingHours, SEED.responses.emailOnly, SEED.responses.template, SEED.responses.tooLong].map(
        async (id) => (await ctx.api.get(responsePath(id))).body,
      ),
    );

    // Assess
    expect(html.texts[0]).toMatchObject({ contentType: 'text/html', type: 'body' });
    for (const markup of ['<ul>', '<li>', '<a href="https://example.com/hours">', '<br>', '<p>']) {
      expect(html.texts[0].content).toContain(markup);
    }
    expect(email.interactionType).toBe('email');
    expect(email.texts.map((t: { type: string }) => t.type)).toEqual(['subject', 'body']);
    expect(template).toMatchObject({
      responseType: 'MessagingTemplate',
      texts: [{ type: 'body', content: expect.stringContaining('{{1}}') }],
      substitutions: [{ id: '1' }, { id: '2', defaultValue: expect.any(String) }],
    });
    expect(template.messagingTemplate.whatsApp).toMatchObject({
      name: 'order_shipped',
      language: 'en_US',
      header: { content: expect.stringContaining('{{1}}') },
      buttons: [{ type: 'Url', content: expect.stringContaining('{{1}}') }],
    });
    expect(tooLong.texts[0].content.length).toBeGreaterThan(2000);
  });

  it('answers 404 not.found for an unknown id and 400 invalid.value naming the id for a non-UUID', async () => {
    // Act
    const unknown = await ctx.api.get(responsePath('0b6c2f43-5d9e-4f7a-9a51-3e2d7c8b9f10'));
    const malformed = await ctx.api.get(responsePath('welcome'));

    // Assess
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not.found', status: 404 });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'invalid.value', status: 400, messageParams: { field: 'responseId' } });
  });
});

describe('GET /api/v2/responsemanagement/libraries', () => {
  const ctx = useEmulator();

  it('lists the seeded libraries as a paged entity listing', async () => {
    // Act
    const { status, body } = await ctx.api.get(LIBRARIES);

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({ pageSize: 25, pageNumber: 1, total: 3, pageCount: 1 });
    expect(body.entities.map((l: { name: string }) => l.name)).toEqual(['Billing', 'Customer Care', 'Notifications & Templates']);
  });

  it('honours pageSize and pageNumber, and rejects an invalid pageSize', async () => {
    // Act
    const secondPage = await ctx.api.get(`${LIBRARIES}?pageSize=2&pageNumber=2`);
    const invalid = await ctx.api.get(`${LIBRARIES}?pageSize=0`);

    // Assess
    expect(secondPage.body).toMatchObject({ pageSize: 2, pageNumber: 2, total: 3, pageCount: 2 });
    expect(secondPage.body.entities).toHaveLength(1);
    expect(secondPage.body.previousUri).toContain('pageNumber=1');
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('invalid.value');
  });
});

describe('POST /api/v2/responsemanagement/responses/query', () => {
  const ctx = useEmulator();

  it('finds responses by phrase in name or text, wrapped in results', async () => {
    // Act
    const { status, body } = await ctx.api.post(QUERY, { queryPhrase: 'refund', pageSize: 25 });

    // Assess
    expect(status).toBe(200);
    const names = body.results.entities.map((r: { name: string }) => r.name);
    expect(names).toContain('Refund policy');
    expect(names).toContain('Terms of sale (full summary)');
    expect(body.results).toMatchObject({ pageSize: 25, pageNumber: 1, total: names.length });
  });

  it('filters by libraryId and rejects a filter field the platform does not document', async () => {
    // Act
    const billing = await ctx.api.post(QUERY, {
      queryPhrase: '',
      pageSize: 10,
      filters: [{ name: 'libraryId', operator: 'IN', values: [SEED.libraries.billing] }],
    });
    const unsupported = await ctx.api.post(QUERY, { filters: [{ name: 'color', operator: 'IN', values: ['x'] }] });

    // Assess
    expect(billing.body.results.entities.map((r: { id: string }) => r.id)).toEqual([SEED.responses.refundPolicy]);
    expect(unsupported.status).toBe(400);
    expect(unsupported.body).toMatchObject({
      code: 'invalid.value',
      messageParams: { field: 'filters[0].name', value: 'color', allowed: 'libraryId, name' },
    });
    expect(unsupported.body.message).not.toMatch(/emulator/i);
  });
});

describe('POST /api/v2/responsemanagement/responses/query filters', () => {
  const ctx = useEmulator();
  const namesOf = (body: { results: { entities: Array<{ name: string }> } }) => body.results.entities.map((r) => r.name);

  it('NOTEQUALS leaves out the responses of a library, and a name filter matches the name exactly', async () => {
    // Act
    const all = await ctx.api.post(QUERY, { pageSize: 100 });
    const notBilling = await ctx.api.post(QUERY, {
      pageSize: 100,
      filters: [{ name: 'libraryId', operator: 'NOTEQUALS', values: [SEED.libraries.billing] }],
    });
    const byName = await ctx.api.post(QUERY, { filters: [{ name: 'name', operator: 'EQUALS', values: ['Welcome'] }] });

    // Assess
    expect(notBilling.status).toBe(200);
    expect(namesOf(notBilling.body)).toEqual(namesOf(all.body).filter((name: string) => name !== 'Refund policy'));
    expect(byName.body.results.entities.map((r: { id: string }) => r.id)).toEqual([SEED.responses.welcome]);
  });
});

describe('GET /api/v2/responsemanagement/responses?libraryId=', () => {
  const ctx = useEmulator();

  it("lists a library's responses with paging links that keep the libraryId", async () => {
    // Act
    const { status, body } = await ctx.api.get(`/api/v2/responsemanagement/responses?libraryId=${SEED.libraries.billing}`);
    const missing = await ctx.api.get('/api/v2/responsemanagement/responses');

    // Assess
    expect(status).toBe(200);
    expect(body.entities.map((r: { id: string }) => r.id)).toEqual([SEED.responses.refundPolicy]);
    expect(body.selfUri).toContain(`libraryId=${SEED.libraries.billing}`);
    expect(missing.status).toBe(400);
    expect(missing.body.messageParams).toEqual({ field: 'libraryId' });
  });
});
