/** i18next with English, Hindi and Tamil bundled (missing keys fall back to English) (no network loading). Every user-facing string lives in locales/. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import hi from './locales/hi.json';
import ta from './locales/ta.json';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'hi', label: 'हिन्दी' },
  { code: 'ta', label: 'தமிழ்' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const resources = { en: { translation: en }, hi: { translation: hi }, ta: { translation: ta } } as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
