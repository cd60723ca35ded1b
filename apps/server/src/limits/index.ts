// Per-client limits (issue #12): new sessions, live sessions, sockets, messages per minute and day.
export { createClientLimits } from './client-limits.js';
export type { ClientLimits, ClientLimitsOptions, LimitStore, RateKind, SlotKind } from './client-limits.js';
export { DEFAULT_ADDRESS_FACTOR, DEFAULT_CLIENT_LIMITS, DEFAULT_USER_LIMITS, scaleProfile } from './limit-profiles.js';
export type { ClientLimitSettings, LimitProfile } from './limit-profiles.js';
export { clientLimitsFrom, limitSettings } from './limit-settings.js';
export type { LimitSettingValues } from './limit-settings.js';
