/** The first steps: language, consent (one item per purpose, hash in small print), identity method. */
import { useTranslation } from 'react-i18next';
import type { IdentityMethod, KycLanguage } from '../../../shared/ipc/kyc';
import { METHOD_CONSENT, ONLINE_METHODS } from '../../flow/machine';
import { LANGUAGES } from '../../i18n';
import { Actions, Alert, Button, Card } from '../../components/ui';
import { FlowErrorAlert, type StepProps } from './common';

export function LanguageStep({ snapshot, send }: StepProps) {
  const { t, i18n } = useTranslation();
  const choose = (language: KycLanguage) => {
    void i18n.changeLanguage(language);
    send({ type: 'CHOOSE_LANGUAGE', language });
  };
  return (
    <Card title={t('flow.language.title')} testId="step-language">
      <p>{t('flow.language.intro')}</p>
      <FlowErrorAlert error={snapshot.context.error} />
      <div className="tiles">
        {LANGUAGES.map((l) => (
          <Button key={l.code} className="tile" lang={l.code} onClick={() => choose(l.code)}>
            {l.label}
          </Button>
        ))}
      </div>
      <Actions>
        <Button variant="secondary" onClick={() => send({ type: 'CANCEL' })}>{t('flow.cancel')}</Button>
      </Actions>
    </Card>
  );
}

export function ConsentStep({ snapshot, send }: StepProps) {
  const { t } = useTranslation();
  const { consentText, granted, consentChannel, error } = snapshot.context;
  if (snapshot.matches({ consent: 'failed' })) {
    return (
      <Card title={t('flow.consent.title')} testId="step-consent">
        <FlowErrorAlert error={error} />
        <Button onClick={() => send({ type: 'CONTINUE' })}>{t('flow.retry')}</Button>
      </Card>
    );
  }
  if (!consentText) return <Card title={t('flow.consent.title')}><p>{t('app.loading')}</p></Card>;
  return (
    <Card title={t('flow.consent.title')} testId="step-consent">
      <p>{t('flow.consent.intro')}</p>
      <div className="consent-list" lang={consentText.language}>
        {consentText.items.map((item) => (
          <div key={item.purpose} className="consent-item">
            <label className="check">
              <input
                type="checkbox"
                data-testid={`consent-${item.purpose}`}
                checked={granted[item.purpose] === true}
                onChange={(e) => send({ type: 'TOGGLE_CONSENT', purpose: item.purpose, granted: e.target.checked })}
              />
              <span className="consent-title">{item.title}{item.required ? '' : ` — ${t('flow.consent.optional')}`}</span>
            </label>
            <p className="consent-text">{item.text}</p>
            <p className="small-print">{t('flow.consent.version', { version: consentText.version, hash: item.hash.slice(0, 16) })}</p>
          </div>
        ))}
      </div>
      <p className="small-print" lang={consentText.language}>{consentText.withdrawalContact}</p>
      <label className="check">
        <input type="checkbox" checked={consentChannel === 'read-out'} onChange={(e) => send({ type: 'SET_CONSENT_CHANNEL', channel: e.target.checked ? 'read-out' : 'screen' })} />
        {t('flow.consent.readOut')}
      </label>
      <FlowErrorAlert error={error} />
      <Actions>
        <Button onClick={() => send({ type: 'ACCEPT_CONSENT' })} disabled={snapshot.matches({ consent: 'recording' })}>{t('flow.consent.accept')}</Button>
        <Button variant="secondary" onClick={() => send({ type: 'DECLINE_AADHAAR' })}>{t('flow.consent.alternate')}</Button>
        <Button variant="secondary" onClick={() => send({ type: 'CANCEL' })}>{t('flow.cancel')}</Button>
      </Actions>
    </Card>
  );
}

const METHODS: IdentityMethod[] = ['otp', 'fingerprint', 'iris', 'secure-qr', 'offline-xml', 'alternate-id'];

export function MethodStep({ snapshot, send }: StepProps) {
  const { t } = useTranslation();
  const { online, granted, error } = snapshot.context;
  return (
    <Card title={t('flow.method.title')} testId="step-method">
      {!online && <Alert kind="warning">{t('flow.method.offline')}</Alert>}
      {error?.code === 'E_NEEDS_NETWORK' ? <Alert>{t('flow.method.needsNetwork')}</Alert> : error?.code === 'E_KYC_NO_CONSENT' ? <Alert>{t('flow.method.noConsent')}</Alert> : <FlowErrorAlert error={error} />}
      <div className="tiles">
        {METHODS.map((m) => {
          const needed = METHOD_CONSENT[m];
          const consented = needed === null || granted[needed] === true;
          const needsNet = ONLINE_METHODS.includes(m) && !online;
          return (
            <Button key={m} className="tile" variant={consented && !needsNet ? 'primary' : 'secondary'} data-testid={`method-${m}`} onClick={() => send({ type: 'CHOOSE_METHOD', method: m })}>
              <span className="tile-title">{t(`flow.method.${m}`)}</span>
              <span className="tile-sub">{needsNet ? t('flow.method.onlineOnly') : !consented ? t('flow.method.notConsented') : ONLINE_METHODS.includes(m) ? t('flow.method.online') : t('flow.method.worksOffline')}</span>
            </Button>
          );
        })}
      </div>
      <Actions>
        <Button variant="secondary" onClick={() => send({ type: 'CANCEL' })}>{t('flow.cancel')}</Button>
      </Actions>
    </Card>
  );
}
