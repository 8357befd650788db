// Every STS handler, loaded on the first STS call other than GetCallerIdentity (see ./services.ts).
export { stsHandlers } from '../sts/index.js';
