/** The store's tables. */
export const SESSIONS = 'mpchat_sessions';
export const TURNS = 'mpchat_turns';
/** SQL condition: the turn is not settled yet. */
export const UNSETTLED = `status IN ('pending', 'generating')`;
