/** Home: device status panel with a picture per device kind, queue status, today's counts, kiosk facts and service health. */
import { useTranslation } from 'react-i18next';
import { kiosk } from '../bridge';
import { DeviceIcon } from '../components/DeviceIcon';
import { Button } from '../components/ui';
import { WatchlistWarning } from '../components/Watchlists';
import { useDevicePanel } from '../hooks/useDevicePanel';
import { useKioskCall } from '../hooks/useKioskCall';

const loadInfo = () => kiosk['app:info']();
const loadHealth = () => kiosk['app:health']();
const loadStats = () => kiosk['kyc:stats']();

export function HomeScreen({ onStart }: { onStart?: () => void }) {
  const { t } = useTranslation();
  const { value: info, error: infoError } = useKioskCall(loadInfo);
  const { value: health, error: healthError, reload } = useKioskCall(loadHealth);
  const { value: stats } = useKioskCall(loadStats);
  const error = infoError ?? healthError;
  const devices = useDevicePanel();

  return (
    <section className="card" aria-labelledby="home-heading">
      <h2 id="home-heading">{t('home.heading')}</h2>
      {onStart && (
        <div className="actions">
          <Button className="big" onClick={onStart} data-testid="start-onboarding">{t('home.start')}</Button>
        </div>
      )}
      {error && <p role="alert" className="error">{t('errors.generic', { message: error.message })}</p>}
      <WatchlistWarning />
      {stats && (
        <>
          <h3>{t('home.today')}</h3>
          <ul className="counts" data-testid="today-counts">
            {(['started', 'approved', 'referred', 'rejected'] as const).map((k) => (
              <li key={k}><span className="count">{stats[k]}</span> {t(`home.counts.${k}`)}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('home.devices')}</h3>
      <ul className="device-panel" data-testid="device-panel">
        {devices.map(({ kind, status, detail }) => (
          <li key={kind} className="device" data-testid={`device-${kind}`} data-status={status}>
            <DeviceIcon kind={kind} label={t(`devices.${kind}`)} />
            <span className="service-name">{t(`devices.${kind}`)}</span>
            <span className={`status status-${status}`}>{t(`status.${status}`)}</span>
            {detail && <span className="service-detail">{detail}</span>}
          </li>
        ))}
      </ul>
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
          <dd>{info.platform} / {info.arch}</dd>
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
      <Button variant="secondary" onClick={reload}>{t('home.refresh')}</Button>
    </section>
  );
}
