// The secret list and redaction live in sdk/secrets, shared with local endpoints and the journal.
export { redactSecrets, SECRET_ENV_VARS } from '../secrets/index.js';
