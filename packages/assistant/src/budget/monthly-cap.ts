import { budgetExceeded } from './budget.js';
import type { UsageLedger } from './ledger.js';

export function startOfMonthUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export async function monthToDateUsd(ledger: UsageLedger, team: string, now: Date): Promise<number> {
  const entries = await ledger.entries({ team, since: startOfMonthUtc(now) });
  return entries.reduce((sum, e) => sum + e.costUsd, 0);
}

/** Checked before every model call: a team over its monthly cap gets a clear refusal. */
export async function assertUnderMonthlyCap(
  ledger: UsageLedger,
  team: string,
  capUsd: number,
  now: Date,
): Promise<void> {
  const spent = await monthToDateUsd(ledger, team, now);
  if (spent >= capUsd) {
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    throw budgetExceeded(
      'cost',
      `Team "${team}" has spent $${spent.toFixed(2)} of its $${capUsd.toFixed(2)} monthly cap. Raise assistant.teams.${team}.monthlyCapUsd or wait until ${next.toISOString().slice(0, 10)}.`,
    );
  }
}
