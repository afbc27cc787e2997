/** Product identity, read once from package.json (bundled by electron-vite, imported as JSON under Node). */
import pkg from '../../package.json' with { type: 'json' };

export const PRODUCT_NAME: string = pkg.productName;
export const VERSION: string = pkg.version;
/** Build id: set by the release pipeline; `dev` otherwise. */
export const BUILD: string = process.env.VDEX_BUILD ?? 'dev';
