import { kbMessages } from './messages/kb.js';
import { overviewMessages } from './messages/overview.js';
import { recordsMessages } from './messages/records.js';
import { shellMessages } from './messages/shell.js';
import { unansweredMessages } from './messages/unanswered.js';

/**
 * Every UI string of the console, Chinese first (the course teams are in China), English second.
 * The strings live in one file per page (`messages/`); this joins them into the two tables.
 */
const zhCN = { ...shellMessages.zh, ...overviewMessages.zh, ...unansweredMessages.zh, ...kbMessages.zh, ...recordsMessages.zh };

/** The shape every locale fills in. */
export type Messages = typeof zhCN;

const enUS: Messages = { ...shellMessages.en, ...overviewMessages.en, ...unansweredMessages.en, ...kbMessages.en, ...recordsMessages.en };

/** The console's languages. */
export type Locale = 'zh-CN' | 'en-US';

/** Both tables, as vue-i18n takes them. */
export const messages: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };
