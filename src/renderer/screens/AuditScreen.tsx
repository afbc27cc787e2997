/** Audit viewer (supervisor): the latest entries, actor ids and actions, no identity data. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { kiosk } from '../bridge';
import { Alert, Button, Card } from '../components/ui';
import { useKioskCall } from '../hooks/useKioskCall';

export function AuditScreen() {
  const { t } = useTranslation();
  const load = useCallback(() => kiosk['agents:audit']({ limit: 200 }), []);
  const { value, error, reload } = useKioskCall(load);
  return (
    <Card title={t('audit.title')} testId="audit-screen">
      {error && <Alert>{error.message}</Alert>}
      <Button variant="secondary" onClick={reload}>{t('home.refresh')}</Button>
      <table className="table">
        <caption>{t('audit.caption')}</caption>
        <thead><tr><th scope="col">#</th><th scope="col">{t('audit.time')}</th><th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.action')}</th><th scope="col">{t('audit.subject')}</th></tr></thead>
        <tbody>
          {value?.map((e) => (
            <tr key={e.seq}><td>{e.seq}</td><td>{new Date(e.at).toLocaleString()}</td><td>{e.actorId?.slice(0, 8) ?? '—'}</td><td>{e.action}</td><td>{e.subject?.slice(0, 8) ?? '—'}</td></tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
