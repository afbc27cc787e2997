/**
 * The AML watchlists as the agent needs to know them (issue 8): their version and age on the
 * settings screen, and a warning on the home screen when they are missing or older than the
 * policy allows (`aml:lists` computes that from `watchlistMaxAgeDays`, default 7 days).
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../shared/ipc';
import { kiosk } from '../bridge';
import { useKioskCall } from '../hooks/useKioskCall';
import { Alert } from './ui';

type ListsStatus = ChannelOutput<'aml:lists'>;
const loadLists = () => kiosk['aml:lists']();

/** "5 hours" below two days, whole days from then on. */
function age(t: TFunction, hours: number): string {
  return hours < 48 ? t('watchlists.hours', { count: Math.round(hours) }) : t('watchlists.days', { count: Math.floor(hours / 24) });
}

function warningText(t: TFunction, s: ListsStatus): string | null {
  if (s.warning === 'missing') return t('watchlists.warnMissing');
  if (s.warning === 'old') return t('watchlists.warnOld', { age: age(t, s.ageHours ?? 0), limit: age(t, s.maxAgeHours) });
  return null;
}

/** Home: nothing when the lists are fine; a warning when they are missing or too old. */
export function WatchlistWarning() {
  const { t } = useTranslation();
  const { value } = useKioskCall(loadLists);
  const text = value ? warningText(t, value) : null;
  if (!value || !text) return null;
  return <Alert kind="warning"><span data-testid="lists-warning" data-warning={value.warning}>{text}</span></Alert>;
}

/** Settings: version, age, entries, the age limit and the last update check. */
export function WatchlistFacts() {
  const { t } = useTranslation();
  const { value: s, error } = useKioskCall(loadLists);
  return (
    <>
      <h3>{t('watchlists.title')}</h3>
      {error && <Alert>{error.message}</Alert>}
      {s && (
        <>
          {warningText(t, s) && <Alert kind="warning">{warningText(t, s)}</Alert>}
          <dl className="facts" data-testid="lists-info" data-warning={s.warning ?? 'none'}>
            <dt>{t('watchlists.version')}</dt><dd data-testid="lists-version">{s.version ?? t('watchlists.none')}</dd>
            <dt>{t('watchlists.age')}</dt><dd data-testid="lists-age">{s.ageHours === null ? '—' : age(t, s.ageHours)}</dd>
            <dt>{t('watchlists.entities')}</dt><dd>{s.entities}</dd>
            <dt>{t('watchlists.limit')}</dt><dd>{age(t, s.maxAgeHours)}</dd>
            <dt>{t('watchlists.lastCheck')}</dt>
            <dd>{s.lastCheck ? `${new Date(s.lastCheck.at).toLocaleString()} · ${t(`watchlists.outcome.${s.lastCheck.outcome}`)}` : '—'}</dd>
          </dl>
        </>
      )}
    </>
  );
}
