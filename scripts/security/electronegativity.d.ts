export declare const EXCLUDED_CHECKS: Record<string, string>;
export declare function suppressions(srcDir: string): Array<{ file: string; line: number; checks: string[]; reason: string | null }>;
export declare function runElectronegativity(input?: string): Array<{ issue: string; severity: string; confidence: string; file: string; location: string; description: string }>;
