/** Supervisor review: referred cases with their AML potential matches; approve or reject after re-authenticating (maker-checker). */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../shared/ipc/kyc';
import { kiosk } from '../bridge';
import { CrossMatchPanel } from '../components/CrossMatchPanel';
import { Actions, Alert, Button, Card, Field } from '../components/ui';
import { useKioskCall } from '../hooks/useKioskCall';

export function SupervisorScreen() {
  const { t } = useTranslation();
  const load = useCallback(() => kiosk['kyc:referred'](), []);
  const { value: cases, error, reload } = useKioskCall(load);
  return (
    <Card title={t('supervisor.title')} testId="supervisor-screen">
      {error && <Alert>{error.message}</Alert>}
      {cases && cases.length === 0 && <p>{t('supervisor.none')}</p>}
      {cases?.map((c) => <ReferredCase key={c.caseId} c={c} onDone={reload} />)}
    </Card>
  );
}

function ReferredCase({ c, onDone }: { c: CaseSummary; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: 'approve' | 'reject') => {
    const r = await kiosk['kyc:review-decide']({ caseId: c.caseId, decision, kind: /^\d{4,8}$/.test(secret) ? 'pin' : 'password', secret, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    setSecret('');
    if (r.ok) onDone();
    else setError(r.error.message);
  };
  return (
    <article className="case" data-testid={`referred-${c.reference}`} aria-label={c.reference}>
      <h3>{c.reference} · {c.customerName ?? '—'} · {c.maskedId ?? '—'}</h3>
      <p>{t('supervisor.maker', { name: c.makerName })} · {t('supervisor.note')}: {c.referralNote}</p>
      {c.aml && (
        <p>{t('flow.aml.level')}: <strong>{t(`flow.aml.levels.${c.aml.level}`)}</strong>{c.aml.reasons.length > 0 && ` — ${c.aml.reasons.join('; ')}`}</p>
      )}
      {c.aml && c.aml.matches.length > 0 && (
        <table className="table">
          <caption>{t('flow.aml.matches')}</caption>
          <thead><tr><th scope="col">{t('flow.aml.name')}</th><th scope="col">{t('flow.aml.list')}</th><th scope="col">{t('flow.aml.score')}</th></tr></thead>
          <tbody>{c.aml.matches.map((m, i) => <tr key={i}><td>{m.name}</td><td>{m.list}</td><td>{Math.round(m.score * 100)}%</td></tr>)}</tbody>
        </table>
      )}
      <CrossMatchPanel crossMatch={c.crossMatch} />
      <Field label={t('supervisor.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      <Field label={t('supervisor.reauth')} type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="current-password" data-testid="reauth" />
      {error && <Alert>{error}</Alert>}
      <Actions>
        <Button disabled={!secret} onClick={() => void decide('approve')}>{t('flow.decision.approve')}</Button>
        <Button variant="danger" disabled={!secret} onClick={() => void decide('reject')}>{t('flow.decision.reject')}</Button>
      </Actions>
    </article>
  );
}
