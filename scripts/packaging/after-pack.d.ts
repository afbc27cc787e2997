export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
export declare function electronBinaryPath(context: AfterPackContextLike): string;
export default function afterPack(context: AfterPackContextLike): Promise<void>;
