import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assistantOf, EnsembleError, ITEMS_KEY, person, SpaceMemory } from '../src/index.js';

const alice = person('alice');
const bob = person('bob');
const source = { surface: 'cli' } as const;

function memory(doc = new Y.Doc()) {
  return new SpaceMemory('acme/platform', doc);
}

describe('SpaceMemory', () => {
  it('creates, lists and gets decisions with the recorder as default owner', () => {
    const m = memory();
    const d = m.create({ kind: 'decision', title: 'Use Postgres', body: 'For all services', source }, alice);
    expect(d.owner).toBe('alice');
    expect(d.status).toBe('proposed');
    expect(d.version).toBe(1);
    expect(m.get(d.id)).toEqual(d);
    expect(m.list({ kind: 'decision' }).map((i) => i.id)).toEqual([d.id]);
  });

  it('refuses an assistant as owner and an assistant-created accepted item', () => {
    const m = memory();
    const bot = assistantOf('acme/platform');
    expect(() => m.create({ kind: 'decision', title: 'x', source }, bot)).toThrow(
      expect.objectContaining({ code: 'owner_must_be_human' }),
    );
    expect(() =>
      m.create({ kind: 'decision', title: 'x', source, owner: 'bob', status: 'accepted' }, bot),
    ).toThrow(expect.objectContaining({ code: 'not_owner' }));
    const proposed = m.create({ kind: 'decision', title: 'x', source, owner: 'bob' }, bot);
    expect(proposed.createdBy).toEqual(bot);
    expect(proposed.owner).toBe('bob');
  });

  it('lets only the owner confirm a proposal', () => {
    const m = memory();
    const d = m.create({ kind: 'decision', title: 'Adopt ULIDs', source, owner: 'bob' }, alice);
    expect(() => m.confirm(d.id, 'alice')).toThrow(EnsembleError);
    const confirmed = m.confirm(d.id, 'bob');
    expect(confirmed.status).toBe('accepted');
    expect(confirmed.version).toBe(2);
    expect(() => m.confirm(d.id, 'bob')).toThrow(expect.objectContaining({ code: 'invalid_transition' }));
  });

  it('supersedes atomically and links both ways', () => {
    const m = memory();
    const old = m.create({ kind: 'decision', title: 'Deploy weekly', source }, alice);
    const { old: after, replacement } = m.supersede(
      old.id,
      { kind: 'decision', title: 'Deploy daily', source },
      alice,
    );
    expect(after.status).toBe('superseded');
    expect(after.supersededBy).toBe(replacement.id);
    expect(replacement.supersedes).toBe(old.id);
    expect(() => m.supersede(old.id, { kind: 'decision', title: 'again', source }, alice)).toThrow(
      expect.objectContaining({ code: 'invalid_transition' }),
    );
  });

  it('updates fields, bumps the version and rejects unknown or invalid fields', () => {
    const m = memory();
    const d = m.create({ kind: 'context', title: 'SLA', body: '99.9', source, tags: ['ops'] }, alice);
    const u = m.update(d.id, { body: '99.95', tags: ['ops', 'sla'] }, alice);
    expect(u.version).toBe(2);
    expect(m.get(d.id)?.tags).toEqual(['ops', 'sla']);
    expect(() => m.update(d.id, { title: '' }, alice)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => m.update(d.id, { status: 'accepted' } as never, alice)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(m.get(d.id)?.body).toBe('99.95');
  });

  it('quarantines invalid items written by a foreign client without crashing readers', () => {
    const doc = new Y.Doc();
    const m = memory(doc);
    const good = m.create({ kind: 'decision', title: 'Good', source }, alice);
    doc.getMap(ITEMS_KEY).set('01BADBADBADBADBADBADBADBAD', { title: 42 });
    doc.getMap(ITEMS_KEY).set('01BADBADBADBADBADBADBADBAE', { ...good, id: '01BADBADBADBADBADBADBADBAF' });
    expect(m.list().map((i) => i.id)).toEqual([good.id]);
    expect(m.quarantined()).toEqual([
      { id: '01BADBADBADBADBADBADBADBAD', reason: expect.stringContaining('title') },
      { id: '01BADBADBADBADBADBADBADBAE', reason: expect.stringContaining('names') },
    ]);
    expect(() => m.get('01BADBADBADBADBADBADBADBAD')).toThrow(
      expect.objectContaining({ code: 'invalid_item' }),
    );
  });

  it('lets only the owner delete', () => {
    const m = memory();
    const d = m.create({ kind: 'action', title: 'Rotate keys', source, owner: 'bob' }, alice);
    expect(() => m.delete(d.id, alice)).toThrow(expect.objectContaining({ code: 'not_owner' }));
    m.delete(d.id, bob);
    expect(m.get(d.id)).toBeUndefined();
  });

  it('reports local and remote changes to observers', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u, 'remote'));
    const seen: string[] = [];
    const mb = memory(b);
    mb.observe((changes) => seen.push(...changes.map((c) => `${c.type}:${c.local}`)));
    const ma = memory(a);
    const d = ma.create({ kind: 'decision', title: 'Observe me', source }, alice);
    ma.update(d.id, { body: 'changed' }, alice);
    expect(seen).toEqual(['added:false', 'updated:false']);
  });

  it('merges concurrent edits of different items and converges on concurrent edits of one item', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ma = memory(a);
    const d = ma.create({ kind: 'decision', title: 'Merge', source }, alice);
    const e = ma.create({ kind: 'decision', title: 'Other', source }, alice);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const mb = memory(b);
    ma.update(d.id, { body: 'from a' }, alice);
    mb.update(e.id, { tags: ['from-b'] }, alice);
    mb.update(d.id, { body: 'from b' }, alice);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(ma.get(e.id)?.tags).toEqual(['from-b']);
    expect(['from a', 'from b']).toContain(ma.get(d.id)?.body);
    expect(ma.list()).toEqual(mb.list());
  });
});

describe('SpaceMemory guard', () => {
  it('passes titles and bodies through the guard before anything is written', () => {
    const doc = new Y.Doc();
    const m = new SpaceMemory('acme/platform', doc, { guard: (t) => t.replaceAll('hunter2', '[REDACTED]') });
    const d = m.create(
      { kind: 'context', title: 'pw hunter2', body: 'the password is hunter2', source },
      alice,
    );
    m.update(d.id, { body: 'still hunter2' }, alice);
    expect(JSON.stringify(doc.getMap(ITEMS_KEY).toJSON())).not.toContain('hunter2');
    expect(m.get(d.id)?.body).toBe('still [REDACTED]');
  });

  it('lets the guard block a write, leaving memory unchanged', () => {
    const m = new SpaceMemory('acme/platform', new Y.Doc(), {
      guard: (t) => {
        if (t.includes('BEGIN PRIVATE KEY')) throw new EnsembleError('invalid_input', 'blocked');
        return t;
      },
    });
    expect(() =>
      m.create({ kind: 'context', title: 'k', body: '-----BEGIN PRIVATE KEY-----', source }, alice),
    ).toThrow('blocked');
    expect(m.list()).toEqual([]);
  });
});

describe('SpaceMemory ownership of accepted items', () => {
  it('reopens an accepted item edited by someone else and keeps it accepted for its owner', () => {
    const m = memory();
    const d = m.create({ kind: 'decision', title: 'Queue is Kafka', source, status: 'accepted' }, alice);
    const byOwner = m.update(d.id, { body: 'With three brokers.' }, alice);
    expect(byOwner.status).toBe('accepted');
    const byOther = m.update(d.id, { body: 'Actually RabbitMQ.' }, person('carol'));
    expect(byOther.status).toBe('proposed');
    expect(m.confirm(d.id, 'alice').status).toBe('accepted');
  });

  it('lets only the owner hand an accepted item to someone else', () => {
    const m = memory();
    const d = m.create({ kind: 'decision', title: 'Queue is Kafka', source, status: 'accepted' }, alice);
    expect(() => m.update(d.id, { owner: 'carol' }, person('carol'))).toThrow(
      expect.objectContaining({ code: 'not_owner' }),
    );
    expect(m.get(d.id)).toMatchObject({ owner: 'alice', status: 'accepted' });
    expect(m.update(d.id, { owner: 'bob' }, alice).owner).toBe('bob');
    const proposal = m.create({ kind: 'decision', title: 'Redirect me', source, owner: 'bob' }, alice);
    expect(m.update(proposal.id, { owner: 'carol' }, alice).owner).toBe('carol');
  });

  it('lets the hub assistant redact an accepted item without reopening it', () => {
    const m = memory();
    const d = m.create({ kind: 'context', title: 'Key', body: 'secret', source, status: 'accepted' }, alice);
    expect(m.update(d.id, { body: '[redacted:secret]' }, assistantOf('acme/platform')).status).toBe(
      'accepted',
    );
  });
});
