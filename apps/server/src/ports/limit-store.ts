import type { Redis } from 'ioredis';

/**
 * Where per-client limit counters live: this process, or Redis shared by every instance (each
 * instance sharing `keyPrefix` sees one budget). An adapter set names it; the limits read it.
 */
export type LimitStore = { kind: 'memory' } | { kind: 'redis'; redis: Redis; keyPrefix: string };
