/** Logging: the redacting pino logger, rotating files, and the support bundle export. */
export * from './logger';
export * from './redaction';
export * from './export';
