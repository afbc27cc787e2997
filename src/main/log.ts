/** Kept for existing imports: the logger lives in ./logging. */
export { createLogger } from './logging/logger';
