import type { Command } from '../io.js';
import { decide } from './decide.js';
import { list } from './list.js';
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
]);
