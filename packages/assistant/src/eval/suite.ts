import { readFile } from 'node:fs/promises';
import { EnsembleError, ErrorCode, summarize } from '@ensemble/core';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const EvalCase = z.object({
  question: z.string().trim().min(1).max(4_000),
  expect: z
    .object({
      /** Item ids the answer must cite. */
      items: z.array(z.string().min(1)).default([]),
      /** Phrases the answer text must contain (case-insensitive). */
      facts: z.array(z.string().min(1)).default([]),
    })
    .refine((e) => e.items.length + e.facts.length > 0, 'expect at least one item id or fact'),
});
export type EvalCase = z.infer<typeof EvalCase>;

/** A team's eval suite: a YAML list of `question` + `expect: { items, facts }`. */
export const EvalSuite = z.array(EvalCase).min(1, 'a suite needs at least one case');
export type EvalSuite = z.infer<typeof EvalSuite>;

export function parseEvalSuite(yamlText: string, origin = 'eval suite'): EvalSuite {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (e) {
    throw new EnsembleError(
      ErrorCode.InvalidInput,
      `Cannot parse ${origin} as YAML: ${(e as Error).message}`,
    );
  }
  const result = EvalSuite.safeParse(raw);
  if (!result.success) {
    throw new EnsembleError(ErrorCode.InvalidInput, `Invalid ${origin}: ${summarize(result.error)}`);
  }
  return result.data;
}

export async function loadEvalSuite(file: string): Promise<EvalSuite> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new EnsembleError(ErrorCode.NotFound, `Cannot read the eval suite ${file}; check the path.`);
  }
  return parseEvalSuite(text, file);
}
