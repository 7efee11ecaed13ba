export { attachProgress, type ProgressOptions, type ProgressView } from './attach-progress.js';
export { RunProgress, type EndpointProgress, type AttemptFailureInfo } from './run-progress.js';
export { progressLine, progressSummary, failedCallLine } from './progress-lines.js';
export { formatFailure, type FailureFacts } from './error-line.js';
export { createLogger, logRunEvents, LOG_LEVELS, type LogLevel } from './logger.js';
export { followSessions, type FollowOptions } from './follow-sessions.js';
