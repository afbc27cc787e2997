export * from './items';
export * from './signing';
