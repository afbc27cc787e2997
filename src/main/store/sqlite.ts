/**
 * better-sqlite3-multiple-ciphers, typed. Its package `exports` map hides
 * index.d.ts from TypeScript's bundler resolution, so the types come from the
 * file by path and the module is loaded with require (a native addon).
 */
import { createRequire } from 'node:module';
import type DatabaseModule from '../../../node_modules/better-sqlite3-multiple-ciphers/index';

const require = createRequire(import.meta.url);

export const Database = require('better-sqlite3-multiple-ciphers') as typeof DatabaseModule;
export type Database = DatabaseModule.Database;
export type Statement = DatabaseModule.Statement;
export type RunResult = DatabaseModule.RunResult;
