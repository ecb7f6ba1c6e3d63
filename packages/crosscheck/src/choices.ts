import { SYNONYMS, stem, tokenize } from './text.js';

/**
 * Interchangeable options a team chooses between. Two statements that pick different members
 * of one category for the same topic contradict each other, e.g. "Postgres" vs "MySQL".
 */
const CATEGORIES: Record<string, string[]> = {
  database: [
    'postgres',
    'postgresql',
    'mysql',
    'mariadb',
    'mongodb',
    'mongo',
    'dynamodb',
    'sqlite',
    'cassandra',
    'oracle',
    'cockroachdb',
    'spanner',
  ],
  cache: ['redis', 'memcached', 'valkey', 'hazelcast'],
  queue: ['kafka', 'rabbitmq', 'sqs', 'nats', 'pubsub', 'kinesis', 'pulsar'],
  cloud: ['aws', 'gcp', 'azure', 'hetzner', 'digitalocean'],
  language: [
    'typescript',
    'javascript',
    'python',
    'go',
    'golang',
    'rust',
    'java',
    'kotlin',
    'ruby',
    'scala',
    'elixir',
  ],
  frontend: ['react', 'vue', 'angular', 'svelte', 'solid', 'ember'],
  ci: ['github-actions', 'actions', 'jenkins', 'circleci', 'gitlab-ci', 'buildkite', 'travis'],
  packageManager: ['npm', 'pnpm', 'yarn', 'bun'],
  orchestrator: ['kubernetes', 'k8s', 'nomad', 'ecs', 'swarm'],
  monitoring: ['prometheus', 'datadog', 'newrelic', 'grafana', 'honeycomb'],
  api: ['rest', 'graphql', 'grpc', 'soap'],
  auth: ['oauth', 'saml', 'oidc', 'ldap', 'jwt'],
  format: ['json', 'yaml', 'toml', 'xml', 'protobuf', 'avro'],
  branching: ['trunk', 'gitflow'],
  testRunner: ['jest', 'vitest', 'mocha', 'ava', 'jasmine'],
  iac: ['terraform', 'pulumi', 'cloudformation', 'ansible'],
  cadence: ['daily', 'weekly', 'biweekly', 'monthly', 'quarterly', 'hourly'],
  region: ['eu', 'us', 'apac', 'eu-west-1', 'us-east-1', 'eu-central-1'],
};

const MEMBER_OF = new Map<string, string>();
for (const [category, members] of Object.entries(CATEGORIES))
  for (const m of members) MEMBER_OF.set(m, category);

/** Words before an option that mark it as rejected rather than chosen. */
const REJECT_MARKERS = new Set([
  'from',
  'instead',
  'over',
  'replace',
  'replacing',
  'not',
  'no',
  'never',
  'avoid',
  'drop',
  'away',
  'than',
  'deprecate',
  'ban',
  'without',
  'stop',
]);

export interface Choices {
  /** category → options the statement picks */
  chosen: Map<string, Set<string>>;
  /** category → options the statement turns away from */
  rejected: Map<string, Set<string>>;
}

export function choicesIn(text: string): Choices {
  const tokens = joinHyphenated(tokenize(text));
  const chosen = new Map<string, Set<string>>();
  const rejected = new Map<string, Set<string>>();
  tokens.forEach((token, i) => {
    const option = SYNONYMS[token] ?? token;
    const category = MEMBER_OF.get(token) ?? MEMBER_OF.get(option);
    if (!category) return;
    const window = tokens.slice(Math.max(0, i - 3), i);
    const target = window.some((w) => REJECT_MARKERS.has(w)) ? rejected : chosen;
    const set = target.get(category) ?? new Set<string>();
    set.add(option);
    target.set(category, set);
  });
  for (const [category, set] of rejected) {
    const picked = chosen.get(category);
    if (picked) for (const r of set) picked.delete(r);
  }
  return { chosen, rejected };
}

/** All option words, so topic overlap can be measured on what remains. */
export function optionWords(): Set<string> {
  return new Set([...MEMBER_OF.keys()].map(stem));
}

function joinHyphenated(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const pair = `${tokens[i]}-${tokens[i + 1]}`;
    if (MEMBER_OF.has(pair)) {
      out.push(pair);
      i++;
    } else out.push(tokens[i] as string);
  }
  return out;
}
