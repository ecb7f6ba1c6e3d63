import { EnsembleError, ErrorCode } from '@ensemble/core';
import type { App } from '@slack/bolt';
import { AnswerProgress } from '../answer-progress.js';
import { answerMessage, failureMessage } from '../blocks/answer.js';
import { ask } from '../hub/ask.js';
import { stripMentions, threadTurns } from '../thread.js';
import { explain, type ListenerDeps } from './deps.js';

/** @mention in a team channel → that team's assistant answers in the thread. */
export function registerMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, client, context }) => {
    const channel = event.channel;
    const threadTs = event.thread_ts ?? event.ts;
    const log = deps.logger.child({ feature: 'mention', channel, ts: event.ts });
    let progress: AnswerProgress | undefined;
    try {
      const { team, space } = deps.directory.requireTeamOfChannel(channel);
      const person = deps.directory.personOfSlackUser(event.user ?? '');
      const question = stripMentions(event.text);
      if (!question) {
        throw new EnsembleError(
          ErrorCode.InvalidInput,
          'Ask a question after the mention, e.g. "@Ensemble which DB do we use?".',
        );
      }
      const thread = event.thread_ts
        ? await threadTurns(client, channel, event.thread_ts, event.ts, context.botUserId)
        : [];
      const session = await deps.hub.asPerson(person, team, space);
      progress = new AnswerProgress(client, channel, threadTs);
      await progress.start();
      const shown = progress;
      const answer = await ask(session, { question, space, thread }, (event) => {
        if (event.type === 'delta') shown.delta(event.text);
      });
      await progress.finish(answerMessage(answer, deps.mention));
      log.info('answer_posted', {
        turns: thread.length,
        sources: answer.sources.length,
        covered: answer.covered,
      });
    } catch (e) {
      const { code, text } = explain(e);
      log.warn('mention_failed', { code });
      if (progress) {
        await progress.finish(failureMessage(text));
      } else if (code === ErrorCode.Forbidden && event.user) {
        // Not linked to a person: say so privately rather than in the team's thread.
        await client.chat.postEphemeral({ channel, user: event.user, thread_ts: threadTs, text });
      } else {
        await client.chat.postMessage({ channel, thread_ts: threadTs, ...failureMessage(text) });
      }
    }
  });
}
