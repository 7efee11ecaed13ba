export { CorralError, type CorralErrorOptions } from './corral-error.js';
export { isRetryable, errorCode } from './is-retryable.js';
export { showValue } from './show-value.js';
