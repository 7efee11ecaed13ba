export { SessionData, LOCAL_STORE } from './session-data.js';
export { RunData, CLIENT_SITE, refsIn } from './run-data.js';
export { EndpointStore } from './endpoint-store.js';
export { callInputs, dataLocations } from './call-inputs.js';
