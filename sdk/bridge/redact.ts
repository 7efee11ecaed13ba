/**
 * Environment variables whose values never appear in corral's logs, errors or reports.
 *
 * @example
 * ```ts
 * SECRET_ENV_VARS.includes('GLOBUS_COMPUTE_CLIENT_SECRET'); // true
 * ```
 */
export const SECRET_ENV_VARS = ['GLOBUS_COMPUTE_CLIENT_SECRET'] as const;

/**
 * Replaces every secret value (from {@link SECRET_ENV_VARS}, or given) in a text.
 *
 * @example
 * ```ts
 * redactSecrets(`auth failed for ${secret}`); // 'auth failed for [redacted]'
 * ```
 */
export function redactSecrets(text: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  let out = text;
  for (const name of SECRET_ENV_VARS) {
    const secret = env[name];
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}
