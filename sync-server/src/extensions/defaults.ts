import type { Env } from '@ensemble/assistant';
import { RetrieverRelatedFinder } from '@ensemble/crosscheck';
import type { HubExtension } from '../extension.js';
import { askExtension } from './ask.js';
import { digestExtension } from './digest.js';
import { type PipelineExtension, pipelineExtension } from './pipeline.js';
import { type SearchHubExtension, searchExtension } from './search.js';

export interface DefaultExtensions {
  search: SearchHubExtension;
  pipeline: PipelineExtension;
  all: HubExtension[];
}

/**
 * What `ensemble serve` runs: the search index, the item pipeline (cross-checks through the
 * index), `/v1/ask` (retrieving through the index, answers cross-checked), and the digest.
 */
export function defaultExtensions(options: { env?: Env } = {}): DefaultExtensions {
  const env = options.env ? { env: options.env } : {};
  const search = searchExtension(env);
  const pipeline = pipelineExtension({
    ...env,
    finder: (ctx) => new RetrieverRelatedFinder({ openSpace: (s) => ctx.openSpace(s) }, search.retriever),
  });
  const ask = askExtension({ ...env, retriever: search.retriever, reviewers: [pipeline.answerReviewer] });
  return { search, pipeline, all: [search, pipeline, ask, digestExtension()] };
}
