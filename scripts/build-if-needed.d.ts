export function buildIfNeeded(root: string, options?: { force?: boolean }): void;
