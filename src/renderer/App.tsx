/** The app shell: header with language switch, and the current screen. */
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from './i18n';
import { HomeScreen } from './screens/HomeScreen';

export function App() {
  const { t, i18n } = useTranslation();
  return (
    <div className="shell">
      <header className="shell-header">
        <div>
          <h1 className="brand">{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <label className="language">
          <span>{t('app.language')}</span>
          <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main className="shell-main">
        <HomeScreen />
      </main>
    </div>
  );
}
