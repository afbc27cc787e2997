/** The sync queue: pending, synced and rejected records with reasons, and retry. Reached through the sync domain's channels when present. */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../shared/result';
import { kiosk } from '../bridge';
import { Alert, Button, Card } from '../components/ui';
import { useKioskCall } from '../hooks/useKioskCall';

type AnyCall = (input?: unknown) => Promise<Result<unknown>>;
const channel = (name: string) => (kiosk as unknown as Record<string, AnyCall | undefined>)[name];

export function QueueScreen() {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(async (): Promise<Result<unknown>> => {
    const status = channel('queue:status');
    return status ? status(undefined) : { ok: false, error: { code: 'E_NOT_AVAILABLE', message: t('queue.notInstalled') } };
  }, [t]);
  const { value, error, reload } = useKioskCall(load);
  const syncNow = async () => {
    const run = channel('sync:now');
    const r = run ? await run(undefined) : null;
    setMessage(r?.ok ? t('queue.synced') : t('queue.notInstalled'));
    reload();
  };
  return (
    <Card title={t('queue.title')} testId="queue-screen">
      {error && <Alert kind="warning">{error.message}</Alert>}
      {message && <Alert kind="info">{message}</Alert>}
      {value !== null && <pre className="queue-json">{JSON.stringify(value, null, 2)}</pre>}
      <Button onClick={() => void syncNow()}>{t('queue.syncNow')}</Button>
    </Card>
  );
}
