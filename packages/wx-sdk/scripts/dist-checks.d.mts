/** Largest gzipped size of miniprogram_dist/index.js. */
export declare const BUDGET_BYTES: number;
/** Largest gzipped size of miniprogram_dist/markdown.js. */
export declare const MARKDOWN_BUDGET_BYTES: number;
/** A string only the markdown entry holds. */
export declare const MARKDOWN_MARKER: string;
/** Problems of the core bundle if it carries the markdown renderer (empty when it does not). */
export declare function checkCoreExcludesMarkdown(code: string): string[];
/** Gzipped size of a bundle. */
export declare function gzippedSize(code: string): number;
/** Problems of a mini-program bundle (empty when it is fine). */
export declare function checkBundle(code: string, budget?: number): string[];
/** Problems of a published .d.ts (empty when it is fine). */
export declare function checkTypes(dts: string): string[];
