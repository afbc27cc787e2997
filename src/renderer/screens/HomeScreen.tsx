/** Home: what this kiosk is (`app:info`) and which services are up (`app:health`). */
import { useTranslation } from 'react-i18next';
import { kiosk } from '../bridge';
import { useKioskCall } from '../hooks/useKioskCall';

const loadInfo = () => kiosk['app:info']();
const loadHealth = () => kiosk['app:health']();

export function HomeScreen() {
  const { t } = useTranslation();
  const { value: info, error: infoError } = useKioskCall(loadInfo);
  const { value: health, error: healthError, reload } = useKioskCall(loadHealth);
  const error = infoError ?? healthError;

  return (
    <section className="card" aria-labelledby="home-heading">
      <h2 id="home-heading">{t('home.heading')}</h2>
      {error && (
        <p role="alert" className="error">
          {t('errors.generic', { message: error.message })}
        </p>
      )}
      {!info ? (
        <p>{t('app.loading')}</p>
      ) : (
        <dl className="facts" data-testid="app-info">
          <dt>{t('home.version')}</dt>
          <dd data-testid="app-version">{info.version}</dd>
          <dt>{t('home.build')}</dt>
          <dd>{info.build}</dd>
          <dt>{t('home.mode')}</dt>
          <dd data-testid="app-mode">{t(`mode.${info.mode}`)}</dd>
          <dt>{t('home.platform')}</dt>
          <dd>
            {info.platform} / {info.arch}
          </dd>
          <dt>{t('home.runtime')}</dt>
          <dd>{info.runtime}</dd>
        </dl>
      )}
      {health && (
        <>
          <h3>{t('home.services')}</h3>
          <p data-testid="health-overall">
            {t('home.overall')}: <span className={`status status-${health.status}`}>{t(`status.${health.status}`)}</span>
          </p>
          <ul className="services" data-testid="health-services">
            {health.services.map((s) => (
              <li key={s.name}>
                <span className="service-name">{s.name}</span>
                <span className={`status status-${s.status}`}>{t(`status.${s.status}`)}</span>
                {s.detail && <span className="service-detail">{s.detail}</span>}
              </li>
            ))}
          </ul>
          <p className="muted">{t('home.checkedAt', { time: new Date(health.checkedAt).toLocaleTimeString() })}</p>
        </>
      )}
      <button type="button" className="button" onClick={reload}>
        {t('home.refresh')}
      </button>
    </section>
  );
}
