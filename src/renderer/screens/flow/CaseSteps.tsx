/** After identity: review with face match, PAN, AML result, decision, receipt, done. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewRequiredReason } from '../../flow/machine';
import { CrossMatchPanel } from '../../components/CrossMatchPanel';
import { Actions, Alert, Button, Card, Field } from '../../components/ui';
import { FlowErrorAlert, type StepProps } from './common';

function Cancel({ send }: Pick<StepProps, 'send'>) {
  const { t } = useTranslation();
  return <Button variant="secondary" onClick={() => send({ type: 'CANCEL' })}>{t('flow.cancel')}</Button>;
}

export function ReviewStep({ snapshot, send }: StepProps) {
  const { t } = useTranslation();
  const { result, faceMatch, error } = snapshot.context;
  if (!result) return null;
  const { identity, evidence } = result;
  return (
    <Card title={t('flow.review.title')} testId="step-review">
      <div className="review">
        {identity.photo ? <img className="photo" src={identity.photo} alt={t('flow.review.photoAlt')} /> : <div className="photo photo-none">{t('flow.review.noPhoto')}</div>}
        <dl className="facts">
          <dt>{t('flow.review.name')}</dt><dd data-testid="review-name">{identity.name}</dd>
          {identity.dob && <><dt>{t('flow.review.dob')}</dt><dd>{identity.dob}</dd></>}
          {identity.gender && <><dt>{t('flow.review.gender')}</dt><dd>{identity.gender}</dd></>}
          {identity.address && <><dt>{t('flow.review.address')}</dt><dd>{identity.address}</dd></>}
          <dt>{t('flow.review.id')}</dt><dd data-testid="review-masked-id">{identity.maskedId}</dd>
          <dt>{t('flow.review.evidence')}</dt>
          <dd><span className={evidence.verified ? 'status-up' : 'status-degraded'}>{evidence.verified ? t('flow.review.verified') : t('flow.review.notVerified')}</span> — {evidence.summary}{evidence.reference ? ` (${evidence.reference})` : ''}</dd>
        </dl>
      </div>
      <fieldset className="segmented">
        <legend>{t('flow.review.faceQuestion')}</legend>
        <label className="choice"><input type="radio" name="face" checked={faceMatch === true} onChange={() => send({ type: 'FACE_MATCH', matched: true })} data-testid="face-yes" />{t('flow.review.faceYes')}</label>
        <label className="choice"><input type="radio" name="face" checked={faceMatch === false} onChange={() => send({ type: 'FACE_MATCH', matched: false })} data-testid="face-no" />{t('flow.review.faceNo')}</label>
      </fieldset>
      <FlowErrorAlert error={error} />
      <Actions>
        {snapshot.matches({ review: 'failed' }) ? <Button onClick={() => send({ type: 'CONTINUE' })}>{t('flow.retry')}</Button> : <Button disabled={faceMatch === null || !snapshot.matches({ review: 'checking' })} onClick={() => send({ type: 'CONTINUE' })}>{t('flow.continue')}</Button>}
        <Cancel send={send} />
      </Actions>
    </Card>
  );
}

export function PanStep({ snapshot, send }: StepProps) {
  const { t } = useTranslation();
  const [pan, setPan] = useState('');
  const { pan: outcome, error, online } = snapshot.context;
  return (
    <Card title={t('flow.pan.title')} testId="step-pan">
      {!online && <Alert kind="warning">{t('flow.pan.offline')}</Alert>}
      {snapshot.matches({ pan: 'done' }) && outcome ? (
        <>
          <Alert kind={outcome.status === 'verified' ? 'ok' : outcome.status === 'mismatch' ? 'error' : 'info'}>
            <span data-testid="pan-status">{t(`flow.pan.status.${outcome.status}`, { pan: outcome.masked ?? '' })}</span>
          </Alert>
          <Actions><Button onClick={() => send({ type: 'CONTINUE' })}>{t('flow.continue')}</Button></Actions>
        </>
      ) : (
        <form className="form" onSubmit={(e) => { e.preventDefault(); send({ type: 'SUBMIT_PAN', pan }); }}>
          <Field label={t('flow.pan.label')} hint={t('flow.pan.hint')} value={pan} onChange={(e) => setPan(e.target.value.toUpperCase())} maxLength={10} autoComplete="off" data-testid="pan-input" />
          {error?.code === 'E_PAN_FORMAT' ? <Alert>{t('flow.pan.format')}</Alert> : <FlowErrorAlert error={error} />}
          <Actions>
            <Button type="submit" disabled={snapshot.matches({ pan: 'checking' })}>{t('flow.pan.check')}</Button>
            <Button variant="secondary" onClick={() => send({ type: 'SKIP_PAN' })}>{t('flow.pan.form60')}</Button>
          </Actions>
        </form>
      )}
      <Actions><Cancel send={send} /></Actions>
    </Card>
  );
}

export function AmlStep({ snapshot, send }: StepProps) {
  const { t } = useTranslation();
  const { aml, error } = snapshot.context;
  return (
    <Card title={t('flow.aml.title')} testId="step-aml">
      {snapshot.matches({ aml: 'screening' }) && <Alert kind="info">{t('flow.aml.screening')}</Alert>}
      {snapshot.matches({ aml: 'failed' }) && (
        <>
          <FlowErrorAlert error={error} />
          <p>{t('flow.aml.failedHelp')}</p>
          <Actions>
            <Button onClick={() => send({ type: 'CONTINUE' })}>{t('flow.retry')}</Button>
            <Button variant="secondary" onClick={() => send({ type: 'SKIP_AML' })}>{t('flow.aml.referUnscreened')}</Button>
          </Actions>
        </>
      )}
      {aml && (
        <>
          <p data-testid="aml-level">{t('flow.aml.level')}: <strong className={`level level-${aml.level}`}>{t(`flow.aml.levels.${aml.level}`)}</strong></p>
          {aml.reasons.length > 0 && <ul>{aml.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
          {aml.matches.length > 0 && (
            <table className="table">
              <caption>{t('flow.aml.matches')}</caption>
              <thead><tr><th scope="col">{t('flow.aml.name')}</th><th scope="col">{t('flow.aml.list')}</th><th scope="col">{t('flow.aml.score')}</th></tr></thead>
              <tbody>{aml.matches.map((m, i) => <tr key={i}><td>{m.name}</td><td>{m.list}</td><td>{Math.round(m.score * 100)}%</td></tr>)}</tbody>
            </table>
          )}
          {aml.requiresReview && <Alert kind="warning">{t('flow.aml.needsReview')}</Alert>}
          <Actions><Button onClick={() => send({ type: 'CONTINUE' })}>{t('flow.continue')}</Button></Actions>
        </>
      )}
      <Actions><Cancel send={send} /></Actions>
    </Card>
  );
}

export function DecisionStep({ snapshot, send }: StepProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const why = reviewRequiredReason(snapshot.context);
  const busy = snapshot.matches({ decision: 'submitting' });
  return (
    <Card title={t('flow.decision.title')} testId="step-decision">
      <CrossMatchPanel crossMatch={snapshot.context.pan?.crossMatch} />
      {why && <Alert kind="warning"><span data-testid="decision-why">{t(`flow.decision.why.${why}`)}</span></Alert>}
      <Field label={t('flow.decision.note')} hint={t('flow.decision.noteHint')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="decision-note" />
      {snapshot.context.error?.code === 'E_KYC_REASON_REQUIRED' ? <Alert>{t('flow.decision.reasonRequired')}</Alert> : <FlowErrorAlert error={snapshot.context.error} />}
      <Actions>
        <Button disabled={busy || why !== null} onClick={() => send({ type: 'APPROVE' })}>{t('flow.decision.approve')}</Button>
        <Button variant="secondary" disabled={busy || note.trim() === ''} onClick={() => send({ type: 'REFER', note })}>{t('flow.decision.refer')}</Button>
        <Button variant="danger" disabled={busy} onClick={() => send({ type: 'REJECT', reason: note })}>{t('flow.decision.reject')}</Button>
      </Actions>
    </Card>
  );
}

export function ReceiptStep({ snapshot, send }: StepProps) {
  const { t } = useTranslation();
  const { receipt, error } = snapshot.context;
  const pdfUrl = useMemo(() => {
    if (!receipt?.pdfBase64) return null;
    const bytes = Uint8Array.from(atob(receipt.pdfBase64), (c) => c.charCodeAt(0));
    return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  }, [receipt]);
  return (
    <Card title={t('flow.receipt.title')} testId="step-receipt">
      <FlowErrorAlert error={error} />
      {receipt ? (
        <div className="receipt" data-testid="receipt">
          <dl className="facts">
            <dt>{t('flow.receipt.reference')}</dt><dd data-testid="receipt-reference">{receipt.reference}</dd>
            <dt>{t('flow.receipt.status')}</dt><dd data-testid="receipt-status">{t(`caseStatus.${receipt.status}`)}</dd>
            <dt>{t('flow.receipt.date')}</dt><dd>{new Date(receipt.issuedAt).toLocaleString()}</dd>
            <dt>{t('flow.receipt.branchAgent')}</dt><dd>{receipt.branchId} · {receipt.agent}</dd>
            <dt>{t('flow.receipt.cdd')}</dt><dd>{receipt.cddMode}</dd>
            <dt>{t('flow.review.id')}</dt><dd data-testid="receipt-masked-id">{receipt.maskedId ?? '—'}</dd>
            <dt>PAN</dt><dd>{receipt.maskedPan ?? t('flow.receipt.noPan')}</dd>
            <dt>{t('flow.receipt.consents')}</dt>
            <dd><ul>{receipt.consents.map((c) => <li key={c.purpose}>{c.granted ? '✔' : '✘'} {t(`purpose.${c.purpose}`)}</li>)}</ul></dd>
          </dl>
          <p className="small-print">{receipt.withdrawalContact}</p>
          <p className="small-print">{receipt.grievanceContact}</p>
        </div>
      ) : snapshot.matches({ receipt: 'loading' }) ? <p>{t('app.loading')}</p> : null}
      <Actions>
        {receipt && <Button onClick={() => window.print()}>{t('flow.receipt.print')}</Button>}
        {pdfUrl && <a className="button button-secondary" href={pdfUrl} download={`${receipt?.reference}.pdf`}>{t('flow.receipt.pdf')}</a>}
        <Button variant="secondary" data-testid="finish" onClick={() => { if (pdfUrl) URL.revokeObjectURL(pdfUrl); send({ type: 'FINISH' }); }}>{t('flow.receipt.finish')}</Button>
      </Actions>
    </Card>
  );
}

export function DoneStep({ send, onHome }: StepProps & { onHome: () => void }) {
  const { t } = useTranslation();
  return (
    <Card title={t('flow.done.title')} testId="step-done">
      <p>{t('flow.done.cleared')}</p>
      <Actions>
        <Button onClick={() => send({ type: 'START' })}>{t('flow.done.next')}</Button>
        <Button variant="secondary" onClick={onHome}>{t('nav.home')}</Button>
      </Actions>
    </Card>
  );
}
