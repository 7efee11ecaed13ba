/**
 * The one list of environment variables corral treats as secrets: named here,
 * or ending in one of {@link SECRET_ENV_SUFFIXES}. Their values never reach a
 * task's worker (thread, process, Dask or Globus Compute) and are redacted
 * from everything corral writes.
 *
 * @example
 * ```ts
 * SECRET_ENV_VARS.includes('GLOBUS_COMPUTE_CLIENT_SECRET'); // true
 * ```
 */
export const SECRET_ENV_VARS = ['GLOBUS_COMPUTE_CLIENT_SECRET', 'AWS_SECRET_ACCESS_KEY'] as const;

/**
 * Name endings that mark any other variable as a secret (`HF_TOKEN`, `MY_API_SECRET`).
 *
 * @example
 * ```ts
 * SECRET_ENV_SUFFIXES; // ['_SECRET', '_TOKEN']
 * ```
 */
export const SECRET_ENV_SUFFIXES = ['_SECRET', '_TOKEN'] as const;

/** Values shorter than this are not redacted: a 3-character "secret" would blank out ordinary text. */
const MIN_SECRET_LENGTH = 6;

/**
 * Whether an environment variable holds a secret.
 *
 * @example
 * ```ts
 * isSecretEnvName('HF_TOKEN'); // true
 * isSecretEnvName('PATH');     // false
 * ```
 */
export function isSecretEnvName(name: string): boolean {
  const upper = name.toUpperCase();
  return (SECRET_ENV_VARS as readonly string[]).includes(upper) || SECRET_ENV_SUFFIXES.some((s) => upper.endsWith(s));
}

/**
 * The secret values set in an environment, longest first (so a secret that
 * contains another is redacted whole).
 *
 * @example
 * ```ts
 * secretValues({ GLOBUS_COMPUTE_CLIENT_SECRET: 's3cr3t-value', PATH: '/bin' }); // ['s3cr3t-value']
 * ```
 */
export function secretValues(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const values = new Set<string>();
  // Names first, values only of secret names: each read of process.env crosses into C++, and the journal asks at every group commit.
  for (const name of Object.keys(env)) {
    if (!isSecretName(name)) continue;
    const value = env[name];
    if (value && value.length >= MIN_SECRET_LENGTH) values.add(value);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

// Whether each name seen is a secret's: the same answer every time, and the journal asks for every name at each group commit.
const secretNames = new Map<string, boolean>();
const SECRET_NAMES_KEPT = 10_000;

function isSecretName(name: string): boolean {
  let secret = secretNames.get(name);
  if (secret === undefined) {
    // A process that keeps inventing variable names starts over rather than growing without end.
    if (secretNames.size >= SECRET_NAMES_KEPT) secretNames.clear();
    secretNames.set(name, (secret = isSecretEnvName(name)));
  }
  return secret;
}

/**
 * A copy of an environment without its secrets: what a worker gets. Variables
 * an endpoint sets explicitly (its `env:`) are added after, by the caller.
 *
 * @example
 * ```ts
 * new Worker(file, { env: { ...withoutSecrets(process.env), ...endpointEnv } });
 * ```
 */
export function withoutSecrets(env: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && !isSecretEnvName(name)) out[name] = value;
  return out;
}
