import type { EvalComparison, EvalReport } from './run.js';

const pct = (rate: number) => `${Math.round(rate * 100)}%`;
const usd = (value: number) => `$${value.toFixed(4)}`;
const ms = (value: number) => `${Math.round(value)} ms`;

function row(report: EvalReport, label: string): string {
  return [
    report.model.padEnd(20),
    pct(report.passRate).padStart(5),
    usd(report.costUsd).padStart(10),
    ms(report.p50LatencyMs).padStart(9),
    ms(report.p95LatencyMs).padStart(9),
    `  ${label}`,
  ].join(' ');
}

/** The text `ensemble eval` prints: pass rate, cost and latency of both models, then failures. */
export function formatComparison(comparison: EvalComparison): string {
  const { current, candidate } = comparison;
  const lines = [
    `Eval of team ${current.team}: ${current.cases.length} cases`,
    `${'model'.padEnd(20)} ${'pass'.padStart(5)} ${'cost'.padStart(10)} ${'p50'.padStart(9)} ${'p95'.padStart(9)}`,
    row(current, '(current)'),
    row(candidate, '(candidate)'),
    comparison.candidateHolds
      ? `${candidate.model} scores at least as well as ${current.model}: it may be promoted.`
      : `${candidate.model} scores below ${current.model}: promotion would be refused.`,
  ];
  const failures = candidate.cases.filter((c) => !c.passed);
  if (failures.length > 0) {
    lines.push('', `Cases ${candidate.model} failed:`);
    for (const c of failures) {
      const missing = [
        ...c.missingItems.map((id) => `item ${id}`),
        ...c.missingFacts.map((f) => `"${f}"`),
        ...(c.error ? [`error ${c.error}`] : []),
      ];
      lines.push(`  - ${c.question}  (missing ${missing.join(', ')})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
