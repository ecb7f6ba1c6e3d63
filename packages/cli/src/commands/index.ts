import type { Command } from '../io.js';
import { ask } from './ask.js';
import { decide } from './decide.js';
import { evalCommand } from './eval.js';
import { indexRebuild } from './index-rebuild.js';
import { list } from './list.js';
import { modelsList, modelsPromote } from './models.js';
import { search } from './search.js';
import { serve } from './serve.js';
import { show } from './show.js';
import { tokenCreate } from './token-create.js';

/** Every command by the words that name it; add a command with one line here. */
export const commands: ReadonlyMap<string, Command> = new Map([
  ['serve', serve],
  ['token create', tokenCreate],
  ['decide', decide],
  ['list', list],
  ['show', show],
  ['ask', ask],
  ['eval', evalCommand],
  ['models promote', modelsPromote],
  ['models list', modelsList],
  ['search', search],
  ['index rebuild', indexRebuild],
]);
