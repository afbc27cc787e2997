export type BuilderConfig = Record<string, unknown> & { directories?: { output?: string; buildResources?: string } };
export declare function loadBuilderConfig(projectDir: string): Promise<BuilderConfig>;
export declare function validateBuilderConfig(config: BuilderConfig): Promise<void>;
export declare function packageFileList(projectDir: string, config: BuilderConfig): { app: string[]; resources: string[] };
