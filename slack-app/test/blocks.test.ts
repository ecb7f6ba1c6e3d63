import type { Answer, DigestData, Item } from '@ensemble/core';
import { describe, expect, it } from 'vitest';
import { answerMessage } from '../src/blocks/answer.js';
import { parseCaptureSubmission, splitMessage } from '../src/blocks/capture-modal.js';
import { digestMessage } from '../src/blocks/digest.js';
import { itemCard } from '../src/blocks/item-card.js';

const mention = (p: string) => (p === 'alice' ? '<@UALICE>' : p);
const item = (over: Partial<Item> = {}): Item => ({
  id: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
  kind: 'decision',
  title: 'Use <Postgres> & friends',
  body: 'because <@UEVIL> said so',
  status: 'proposed',
  owner: 'alice',
  createdBy: { kind: 'person', id: 'alice' },
  source: { surface: 'slack', link: 'https://fake.slack/archives/C1/p1' },
  tags: [],
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  version: 1,
  ...over,
});

describe('Block Kit builders', () => {
  const answer = (over: Partial<Answer> = {}): Answer => ({
    text: 'We use Postgres [1].',
    sources: [
      {
        n: 1,
        space: 'acme/platform',
        id: '01HZZZZZZZZZZZZZZZZZZZZZZA',
        title: 'Use Postgres',
        kind: 'decision',
        status: 'accepted',
        owner: 'alice',
        link: 'https://x/1',
      },
    ],
    checks: [
      {
        reviewer: 'assistant:acme/mobile',
        verdict: 'conflicts',
        rationale: 'mobile uses SQLite',
        related: {
          space: 'acme/mobile',
          id: '01HZZZZZZZZZZZZZZZZZZZZZZB',
          title: 'Use SQLite',
          owner: 'carol',
        },
      },
    ],
    owners: ['alice', 'dave'],
    covered: true,
    model: 'extractive',
    cached: false,
    usage: { inputTokens: 1, outputTokens: 1, costUsd: 0 },
    ...over,
  });

  it('answer: sources, owners as mentions, check badges, and a text fallback', () => {
    const message = answerMessage(answer(), mention);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('[1] <https://x/1|Use Postgres>');
    expect(json).toContain('*Owners:* <@UALICE>, dave');
    expect(json).toContain(
      ':warning: conflicts · checked by acme/mobile with \\"Use SQLite\\" (acme/mobile, owner carol)',
    );
    expect(message.text).toContain('We use Postgres [1].');
    expect(message.text).toContain('Owners: <@UALICE>, dave');
  });

  it('answer: says who was asked when nothing covers it, and when a budget cut it short', () => {
    const uncovered = answerMessage(
      answer({
        text: 'No idea.',
        sources: [],
        checks: [],
        covered: false,
        question: { space: 'acme/platform', id: '01HZZZZZZZZZZZZZZZZZZZZZZC', owner: 'alice' },
      }),
      mention,
    );
    expect(JSON.stringify(uncovered.blocks)).toContain('open question for <@UALICE>');
    const partial = answerMessage(answer({ partial: true, exceeded: 'outputTokens' }), mention);
    expect(JSON.stringify(partial.blocks)).toContain('stopped early (outputTokens limit)');
  });

  it('item card escapes user text so it cannot mention or link', () => {
    const card = itemCard(item(), 'acme/platform', mention);
    const json = JSON.stringify(card.blocks);
    expect(json).toContain('Use &lt;Postgres&gt; &amp; friends');
    expect(json).toContain('&lt;@UEVIL&gt;');
    expect(json).toContain('"action_id":"item_confirm"');
    expect(json).toContain('"action_id":"item_reverify"');
  });

  it('item card: an open conflict gets keep / keep / both stand; a resolved one no buttons', () => {
    const conflict = item({
      kind: 'conflict',
      conflict: {
        sides: [
          { space: 'acme/platform', id: '01HZZZZZZZZZZZZZZZZZZZZZZA', owner: 'alice' },
          { space: 'acme/mobile', id: '01HZZZZZZZZZZZZZZZZZZZZZZB', owner: 'carol' },
        ],
      },
    });
    const open = JSON.stringify(itemCard(conflict, 'acme/platform', mention).blocks);
    expect(open).toContain('Keep acme/platform (UALICE)');
    expect(open).toContain('conflict_both_stand');
    const resolved = item({
      ...conflict,
      conflict: {
        sides: conflict.conflict?.sides ?? [],
        resolution: { outcome: 'keep-first', by: 'alice', at: '2026-11-21T00:00:00.000Z' },
      } as Item['conflict'],
    });
    expect(JSON.stringify(itemCard(resolved, 'acme/platform', mention).blocks)).not.toContain('"actions"');
  });

  it('digest lists every section and says so when nothing needs attention', () => {
    const data: DigestData = {
      space: 'acme/platform',
      since: '2026-11-18T00:00:00.000Z',
      generatedAt: '2026-11-25T09:00:00.000Z',
      decisions: [{ change: 'new', item: item() }],
      dueForReview: [item({ title: 'Old one', reviewBy: '2026-01-01', status: 'accepted' })],
      unowned: [],
      openConflicts: [],
      openQuestions: [item({ kind: 'question', title: 'Who owns DNS?' })],
      usage: { modelCalls: 3, inputTokens: 1000, outputTokens: 200, costUsd: 0.0123 },
    };
    const json = JSON.stringify(digestMessage(data, 'Platform', mention, '2026-W48').blocks);
    expect(json).toContain('New and changed decisions');
    expect(json).toContain('owner <@UALICE>');
    expect(json).toContain('was due 2026-01-01');
    expect(json).toContain('Who owns DNS?');
    expect(json).toContain('Assistant usage: 3 model calls, 1200 tokens, $0.01');
    const empty = { ...data, decisions: [], dueForReview: [], openQuestions: [] };
    expect(JSON.stringify(digestMessage(empty, 'Platform', mention, '2026-W48').blocks)).toContain(
      'Nothing needs attention this week.',
    );
  });

  it('capture modal: splits a message and rejects a submission it did not build', () => {
    expect(splitMessage('<@UBOT> Ship on Tuesdays\nbecause reasons')).toEqual({
      title: 'Ship on Tuesdays',
      body: 'Ship on Tuesdays\nbecause reasons',
    });
    expect(parseCaptureSubmission({ private_metadata: 'not json', state: { values: {} } })).toBeUndefined();
  });
});
