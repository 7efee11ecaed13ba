export { SessionData, LOCAL_STORE } from './session-data.js';
export { RunData, refsIn } from './run-data.js';
export { CLIENT_SITE } from '../../data/index.js';
export { EndpointStore } from './endpoint-store.js';
export { callInputs, dataLocations } from './call-inputs.js';
