export declare function auditVerdict(stdout: string, required?: boolean): { exitCode: number; checked: boolean; message: string };
