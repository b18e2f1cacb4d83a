import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS, zhCN } from './locales/index.ts';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, as language pickers conventionally show them. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', 'en-US': 'English' };

/** The user's choice survives reloads; Chinese is the default for a government platform. */
const STORAGE_KEY = 'hatchery.language';

function storedLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return LANGUAGES.find((l) => l === saved) ?? 'zh-CN';
}

/** Date pickers take weekday and month names from dayjs, so it follows the UI language. */
function applyLanguage(lng: Language) {
  dayjs.locale(lng === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lng;
  document.title = i18n.t('app.title');
}

// Synchronous: the resources are bundled, so the first render already has its texts.
void i18n.use(initReactI18next).init({
  initAsync: false,
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
applyLanguage(storedLanguage());

export function currentLanguage(): Language {
  return LANGUAGES.find((l) => l === i18n.language) ?? 'zh-CN';
}

export async function setLanguage(lng: Language) {
  localStorage.setItem(STORAGE_KEY, lng);
  await i18n.changeLanguage(lng);
  applyLanguage(lng);
}

export default i18n;
