export { SECRET_ENV_VARS, SECRET_ENV_SUFFIXES, isSecretEnvName, secretValues, withoutSecrets } from './secret-env.js';
export { REDACTED, holdsSecretBytes, redactSecrets, redactValue, redactSerialized } from './redact.js';
