import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { matchesFilter, UsageEntry, type UsageFilter, type UsageLedger } from './ledger.js';

export const USAGE_FILE = 'usage.jsonl';

/**
 * Usage as JSON lines in the data directory: append-only, one entry a line, readable with
 * any tool. A damaged line is skipped on read rather than losing the rest of the ledger.
 */
export class JsonlUsageLedger implements UsageLedger {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, USAGE_FILE);
  }

  async record(entry: UsageEntry): Promise<void> {
    const valid = UsageEntry.parse(entry);
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(valid)}\n`, 'utf8');
  }

  async entries(filter: UsageFilter = {}): Promise<UsageEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: UsageEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const parsed = UsageEntry.safeParse(safeJson(line));
      if (parsed.success && matchesFilter(parsed.data, filter)) out.push(parsed.data);
    }
    return out;
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
