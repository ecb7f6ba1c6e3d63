import type { webApi } from '@slack/bolt';
import { escapeText, type SlackMessage, section } from './blocks/mrkdwn.js';

const PLACEHOLDER = ':hourglass_flowing_sand: Looking through what the teams recorded…';

/**
 * One threaded message per answer: a placeholder at once, then the growing text while the
 * answer streams (at most one edit per `minIntervalMs`, at most `maxEdits`, to stay inside
 * Slack's rate limits), then the final blocks.
 */
export class AnswerProgress {
  private ts: string | undefined;
  private text = '';
  private lastEditAt = 0;
  private edits = 0;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly channel: string,
    private readonly threadTs: string,
    private readonly options: { minIntervalMs?: number; maxEdits?: number } = {},
  ) {}

  async start(): Promise<void> {
    const posted = await this.client.chat.postMessage({
      channel: this.channel,
      thread_ts: this.threadTs,
      text: PLACEHOLDER,
    });
    this.ts = posted.ts;
    // The placeholder counts as the first edit: the next one waits a full interval.
    this.lastEditAt = Date.now();
  }

  delta(text: string): void {
    this.text += text;
    const now = Date.now();
    const interval = this.options.minIntervalMs ?? 1500;
    if (!this.ts || now - this.lastEditAt < interval || this.edits >= (this.options.maxEdits ?? 20)) return;
    this.lastEditAt = now;
    this.edits++;
    const ts = this.ts;
    const partial = `${this.text}…`;
    // A failed interim edit only delays what the final edit shows anyway.
    this.pending = this.pending
      .then(() =>
        this.client.chat.update({
          channel: this.channel,
          ts,
          text: partial,
          blocks: [section(escapeText(partial))],
        }),
      )
      .catch(() => undefined);
  }

  /** Replaces the placeholder with the final message (or posts it, if the placeholder failed). */
  async finish(message: SlackMessage): Promise<void> {
    await this.pending;
    if (this.ts) await this.client.chat.update({ channel: this.channel, ts: this.ts, ...message });
    else await this.client.chat.postMessage({ channel: this.channel, thread_ts: this.threadTs, ...message });
  }
}
