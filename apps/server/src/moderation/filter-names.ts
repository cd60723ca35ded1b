/**
 * The content filters `MODERATION` may name, in the order a comma list runs them. The config
 * schema, the startup checks and the builder of the chain all read this list: a filter added here
 * and nowhere else fails at startup with "unknown content filter".
 */
export const FILTER_NAMES = ['words', 'wechat'] as const;

/** A content filter's name in `MODERATION`. */
export type FilterName = (typeof FILTER_NAMES)[number];
