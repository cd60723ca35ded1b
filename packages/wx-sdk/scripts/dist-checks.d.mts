/** Largest gzipped size of miniprogram_dist/index.js. */
export declare const BUDGET_BYTES: number;
/** Gzipped size of a bundle. */
export declare function gzippedSize(code: string): number;
/** Problems of a mini-program bundle (empty when it is fine). */
export declare function checkBundle(code: string): string[];
/** Problems of a published .d.ts (empty when it is fine). */
export declare function checkTypes(dts: string): string[];
