import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decision, MOBILE, PLATFORM, startTestHub, type TestHub } from './harness.js';

describe('hub HTTP API', () => {
  let t: TestHub;
  let alice: string;
  let bob: string;
  const items = () => `${t.hub.url}/v1/spaces/${PLATFORM}/items`;
  const post = (url: string, token: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body,
    });

  beforeAll(async () => {
    t = await startTestHub({ maxMessageBytes: 2048 });
    alice = await t.token('alice', { [PLATFORM]: 'write' });
    bob = await t.token('bob', { [PLATFORM]: 'write' });
  });
  afterAll(() => t.close());

  it('serves /healthz and /metrics without a token', async () => {
    const health = await fetch(`${t.hub.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, spacesLoaded: expect.any(Number), connections: 0 });
    const metrics = await fetch(`${t.hub.url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    for (const name of [
      'ensemble_hub_connections',
      'ensemble_hub_messages_in_total',
      'ensemble_hub_readonly_writes_dropped_total',
      'ensemble_hub_malformed_frames_total',
      'ensemble_hub_fanout_seconds',
      'ensemble_hub_spaces_loaded',
      'ensemble_hub_space_load_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });

  it('runs an item through its life: create, filter, patch, confirm, supersede, reject', async () => {
    const api = t.client(alice);
    const created = await api.create(PLATFORM, { ...decision('Use Postgres', ['db']), owner: 'alice' });
    expect(created).toMatchObject({
      status: 'proposed',
      owner: 'alice',
      createdBy: { kind: 'person', id: 'alice' },
    });
    await api.create(PLATFORM, decision('Use Kafka', ['queue']));
    expect((await api.list(PLATFORM, { tag: 'db' })).items.map((i) => i.id)).toEqual([created.id]);

    const patched = await api.update(PLATFORM, created.id, { body: 'Postgres 16' });
    expect(patched).toMatchObject({ body: 'Postgres 16', version: 2 });
    await expect(t.client(bob).confirm(PLATFORM, created.id)).rejects.toMatchObject({ code: 'not_owner' });
    expect((await api.confirm(PLATFORM, created.id)).status).toBe('accepted');
    expect((await api.list(PLATFORM, { status: 'accepted' })).items).toHaveLength(1);

    const { old, replacement } = await api.supersede(PLATFORM, created.id, decision('Use Postgres 17'));
    expect(old).toMatchObject({ status: 'superseded', supersededBy: replacement.id });
    expect(replacement.supersedes).toBe(created.id);
    await expect(api.supersede(PLATFORM, created.id, decision('Again'))).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    expect((await api.reject(PLATFORM, replacement.id)).status).toBe('rejected');
    expect((await api.get(PLATFORM, replacement.id)).status).toBe('rejected');
  });

  it('answers bad requests with coded errors and keeps what is stored', async () => {
    const before = (await t.client(alice).list(PLATFORM)).items;
    const cases: [Promise<Response>, number, string][] = [
      [post(items(), alice, '{"kind": "decision", '), 400, 'invalid_input'],
      [post(items(), alice, JSON.stringify({ kind: 'decision', title: '' })), 400, 'invalid_input'],
      [post(items(), alice, JSON.stringify({ ...decision('x'), kind: 'wish' })), 400, 'invalid_input'],
      [post(items(), alice, JSON.stringify(decision('x'.repeat(3000)))), 413, 'payload_too_large'],
      [post(items(), 'nope', JSON.stringify(decision('x'))), 401, 'unauthorized'],
      [
        post(`${t.hub.url}/v1/spaces/${MOBILE}/items`, alice, JSON.stringify(decision('x'))),
        403,
        'forbidden',
      ],
      [
        post(`${t.hub.url}/v1/spaces/Bad_Org/x/items`, alice, JSON.stringify(decision('x'))),
        404,
        'not_found',
      ],
      [
        fetch(`${items()}/01ARZ3NDEKTSV4RRFFQ69G5FAV`, { headers: { authorization: `Bearer ${alice}` } }),
        404,
        'not_found',
      ],
      [
        fetch(`${items()}?kind=wish`, { headers: { authorization: `Bearer ${alice}` } }),
        400,
        'invalid_input',
      ],
      [fetch(`${t.hub.url}/v1/nothing-here`), 404, 'not_found'],
      [
        fetch(`${items()}/${before[0]?.id}`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
          body: JSON.stringify({ status: 'accepted' }),
        }),
        400,
        'invalid_input',
      ],
    ];
    for (const [request, status, code] of cases) {
      const response = await request;
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
      expect(body.error.message.length).toBeGreaterThan(10);
    }
    expect((await t.client(alice).list(PLATFORM)).items).toEqual(before);
  });
});
