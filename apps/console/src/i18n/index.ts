import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import enConfig from 'tdesign-vue-next/es/locale/en_US';
import zhConfig from 'tdesign-vue-next/es/locale/zh_CN';
import { messages, type Locale, type Messages } from './messages.js';

const KEY = 'mpchat.console.locale';
const saved = localStorage.getItem(KEY);
const initial: Locale = saved === 'en-US' || saved === 'zh-CN' ? saved : 'zh-CN';

/** The console's vue-i18n instance: Chinese first, English second; the choice is kept per browser. */
export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initial,
  fallbackLocale: 'zh-CN',
  messages,
});

/** Switches the language of the whole console (and TDesign's own texts). */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(KEY, locale);
  document.documentElement.lang = locale;
}

/** TDesign's texts (date pickers, pagination, empty tables) in the console's language. */
export const tdesignConfig = computed(() => (i18n.global.locale.value === 'en-US' ? enConfig : zhConfig));

export type { Locale };
