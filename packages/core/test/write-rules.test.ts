import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkRawWrite, person, SpaceMemory } from '../src/index.js';

const item = () =>
  new SpaceMemory('acme/platform', new Y.Doc()).create(
    { kind: 'decision', title: 'Queue is Kafka', source: { surface: 'cli' }, status: 'accepted' },
    person('alice'),
  );

describe('checkRawWrite', () => {
  it('accepts what SpaceMemory itself would allow', () => {
    const before = item();
    expect(checkRawWrite(before, { ...before, body: 'three brokers', version: 2 }, 'alice', false)).toEqual({
      ok: true,
    });
    expect(checkRawWrite(before, undefined, 'alice', true)).toEqual({ ok: true });
    expect(checkRawWrite(undefined, before, 'alice', false)).toEqual({ ok: true });
    // An invalid new entry with nothing before it is quarantined by readers, nothing to restore.
    expect(checkRawWrite(undefined, { junk: 1 }, 'carol', false)).toEqual({ ok: true });
  });

  it('restores or corrects what breaks the rules', () => {
    const before = item();
    expect(checkRawWrite(before, undefined, 'carol', true)).toMatchObject({
      ok: false,
      repair: before,
      restore: true,
    });
    expect(checkRawWrite(before, { junk: 1 }, 'carol', false)).toMatchObject({ ok: false, repair: before });
    expect(checkRawWrite(before, { ...before, owner: 'carol' }, 'carol', false)).toMatchObject({
      ok: false,
      repair: before,
    });
    expect(checkRawWrite(before, { ...before, body: 'RabbitMQ' }, 'carol', false)).toMatchObject({
      ok: false,
      repair: { body: 'RabbitMQ', status: 'proposed' },
    });
    expect(
      checkRawWrite(undefined, { ...before, createdBy: { kind: 'person', id: 'bob' } }, 'alice', false),
    ).toMatchObject({ ok: false, repair: { createdBy: { id: 'alice' }, status: 'accepted' } });
  });
});
