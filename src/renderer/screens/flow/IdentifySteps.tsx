/**
 * The identity methods. The Aadhaar number/VID and the OTP are held only in the
 * input element's local state until submitted, then cleared; the flow keeps the masked form.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { kiosk } from '../../bridge';
import { Actions, Alert, Button, Card, Field } from '../../components/ui';
import { useCameraScan, useScans, type Scan } from '../../scan';
import { FlowErrorAlert, type StepProps } from './common';

function BackCancel({ send }: Pick<StepProps, 'send'>) {
  const { t } = useTranslation();
  return (
    <>
      <Button variant="secondary" onClick={() => send({ type: 'BACK' })}>{t('flow.otherMethod')}</Button>
      <Button variant="secondary" onClick={() => send({ type: 'CANCEL' })}>{t('flow.cancel')}</Button>
    </>
  );
}

function idError(t: (k: string) => string, code: string | undefined, message: string | undefined) {
  if (code !== 'E_AADHAAR_INVALID') return null;
  return message === 'checksum' ? t('flow.id.checksum') : t('flow.id.format');
}

export function OtpStep({ snapshot, send }: StepProps) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [otp, setOtp] = useState('');
  const { otp: o, maskedId, error } = snapshot.context;
  const submitId = (e: FormEvent) => {
    e.preventDefault();
    send({ type: 'SUBMIT_ID', id });
    setId('');
  };
  const submitOtp = (e: FormEvent) => {
    e.preventDefault();
    send({ type: 'SUBMIT_OTP', otp });
    setOtp('');
  };
  const waiting = snapshot.matches({ identify: { otp: 'awaitingOtp' } }) || snapshot.matches({ identify: { otp: 'verifying' } }) || snapshot.matches({ identify: { otp: 'resending' } });
  return (
    <Card title={t('flow.otp.title')} testId="step-otp">
      {snapshot.matches({ identify: { otp: 'exhausted' } }) ? (
        <Alert>{t('flow.otp.exhausted')}</Alert>
      ) : !waiting ? (
        <form onSubmit={submitId} className="form">
          <Field label={t('flow.id.label')} hint={t('flow.id.hint')} inputMode="numeric" autoComplete="off" value={id} onChange={(e) => setId(e.target.value)} error={idError(t, error?.code, error?.message)} autoFocus data-testid="aadhaar-input" />
          {error?.code !== 'E_AADHAAR_INVALID' && <FlowErrorAlert error={error} />}
          <Actions><Button type="submit" disabled={snapshot.matches({ identify: { otp: 'requesting' } })}>{t('flow.otp.request')}</Button></Actions>
        </form>
      ) : (
        <form onSubmit={submitOtp} className="form">
          <p data-testid="masked-id">{t('flow.otp.sent', { id: maskedId })}</p>
          <Field label={t('flow.otp.label')} inputMode="numeric" autoComplete="one-time-code" value={otp} onChange={(e) => setOtp(e.target.value)} autoFocus data-testid="otp-input" />
          <p className="hint">{t('flow.otp.limits', { attempts: o.attemptsLeft, resends: o.resendsLeft })}</p>
          <FlowErrorAlert error={error} />
          <Actions>
            <Button type="submit" disabled={!snapshot.matches({ identify: { otp: 'awaitingOtp' } })}>{t('flow.otp.verify')}</Button>
            <Button variant="secondary" disabled={!o.canResend || o.resendsLeft === 0} onClick={() => send({ type: 'RESEND_OTP' })}>{o.canResend ? t('flow.otp.resend') : t('flow.otp.resendWait')}</Button>
          </Actions>
        </form>
      )}
      <Actions><BackCancel send={send} /></Actions>
    </Card>
  );
}

export function BiometricStep({ snapshot, send }: StepProps) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [progress, setProgress] = useState<string | null>(null);
  const { biometric, error, method } = snapshot.context;
  const capturing = snapshot.matches({ identify: { biometric: 'capturing' } });
  // Live capture status from the RD service for the chosen device.
  useEffect(() => kiosk.on('rd:progress', (p) => {
    if (String(p.port) === biometric.deviceId) setProgress(t(`flow.bio.stage.${p.stage}`));
  }), [biometric.deviceId, t]);
  const capture = (e: FormEvent) => {
    e.preventDefault();
    send({ type: 'CAPTURE', id });
    setId('');
  };
  return (
    <Card title={t(`flow.method.${method}`)} testId="step-biometric">
      {snapshot.matches({ identify: { biometric: 'exhausted' } }) ? (
        <Alert>{t('flow.bio.exhausted')}</Alert>
      ) : (
        <form onSubmit={capture} className="form">
          <fieldset className="devices">
            <legend>{t('flow.bio.device')}</legend>
            {biometric.devices.length === 0 && <p>{snapshot.matches({ identify: { biometric: 'loadingDevices' } }) ? t('app.loading') : t('flow.bio.noDevices')}</p>}
            {biometric.devices.map((d) => (
              <label key={d.id} className="choice">
                <input type="radio" name="device" checked={biometric.deviceId === d.id} disabled={!d.ready} onChange={() => send({ type: 'SELECT_DEVICE', deviceId: d.id })} />
                {d.label} — <span className={d.ready ? 'status-up' : 'status-down'}>{d.ready ? t('flow.bio.ready') : t('flow.bio.notReady')}</span>
                {d.detail && <span className="muted"> {d.detail}</span>}
              </label>
            ))}
            <Button variant="secondary" onClick={() => send({ type: 'REFRESH_DEVICES' })}>{t('flow.bio.refresh')}</Button>
          </fieldset>
          <Field label={t('flow.id.label')} hint={t('flow.id.hint')} inputMode="numeric" autoComplete="off" value={id} onChange={(e) => setId(e.target.value)} error={idError(t, error?.code, error?.message)} />
          {capturing && <Alert kind="info">{progress ?? t('flow.bio.capturing')}</Alert>}
          {biometric.lastQuality !== null && <p>{t('flow.bio.quality', { quality: biometric.lastQuality })}</p>}
          {error && error.code !== 'E_AADHAAR_INVALID' && (error.code === 'E_RD_NO_DEVICE' ? <Alert>{t('flow.bio.noDevice')}</Alert> : <FlowErrorAlert error={error} />)}
          <p className="hint">{t('flow.bio.attempts', { count: biometric.attemptsLeft })}</p>
          <Actions><Button type="submit" disabled={capturing}>{t('flow.bio.capture')}</Button></Actions>
        </form>
      )}
      <Actions><BackCancel send={send} /></Actions>
    </Card>
  );
}

/**
 * Secure QR from any source (issue 4's `useScans`): a serial/HID scanner (the kiosk
 * holds the scan, we get its id), a keyboard-wedge burst (caught at the window, never
 * typed into a field), or the camera. The signature result is shown in plain words.
 */
export function QrStep({ snapshot, send }: StepProps) {
  const { t } = useTranslation();
  const [camera, setCamera] = useState(false);
  const [rescan, setRescan] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const { qr, error } = snapshot.context;
  const listening = snapshot.matches({ identify: { qr: 'waiting' } }) || snapshot.matches({ identify: { qr: 'rejected' } });
  const onScan = useCallback((scan: Scan) => {
    setRescan(false);
    send('text' in scan ? { type: 'SCANNED', payload: scan.text, source: scan.source } : { type: 'SCANNED', scanId: scan.scanId, source: scan.source });
  }, [send]);
  useScans({ onScan, onRescan: () => setRescan(true) }, { enabled: listening });
  useCameraScan(video, onScan, camera && listening, () => setCamera(false));
  const verdict = qr.signature;
  return (
    <Card title={t('flow.qr.title')} testId="step-qr">
      <p>{t('flow.qr.intro')}</p>
      {listening && <p className="hint" data-testid="qr-listening">{t('flow.qr.wedgeHint')}</p>}
      {rescan && <Alert>{t('flow.qr.rescan')}</Alert>}
      {snapshot.matches({ identify: { qr: 'verifying' } }) && <Alert kind="info">{t('flow.qr.verifying')}</Alert>}
      {verdict && <Alert kind={verdict === 'valid' ? 'ok' : 'error'}><span data-testid="qr-verdict" data-verdict={verdict}>{t(`flow.qr.signature.${verdict}`)}</span></Alert>}
      {error && <FlowErrorAlert error={error} />}
      {camera && listening && <video ref={video} className="camera" muted playsInline aria-label={t('flow.qr.camera')} />}
      {snapshot.matches({ identify: { qr: 'verified' } }) ? (
        <Actions><Button onClick={() => send({ type: 'CONTINUE' })}>{t('flow.continue')}</Button></Actions>
      ) : (
        <Actions>
          <Button variant="secondary" onClick={() => setCamera((c) => !c)} data-testid="qr-camera">{camera ? t('flow.qr.cameraStop') : t('flow.qr.camera')}</Button>
          {snapshot.matches({ identify: { qr: 'rejected' } }) && <Button variant="secondary" onClick={() => send({ type: 'SCAN_AGAIN' })}>{t('flow.qr.again')}</Button>}
        </Actions>
      )}
      <Actions><BackCancel send={send} /></Actions>
    </Card>
  );
}

export function XmlStep({ snapshot, send }: StepProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [shareCode, setShareCode] = useState('');
  const { error } = snapshot.context;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bytes = file ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    send({ type: 'SUBMIT_XML', file: bytes, fileName: file?.name ?? '', shareCode });
    setShareCode('');
  };
  return (
    <Card title={t('flow.xml.title')} testId="step-xml">
      <p>{t('flow.xml.intro')}</p>
      <form onSubmit={submit} className="form">
        <div className="field">
          <label htmlFor="xml-file">{t('flow.xml.file')}</label>
          <input id="xml-file" type="file" accept=".zip,application/zip" data-testid="xml-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <Field label={t('flow.xml.shareCode')} hint={t('flow.xml.shareCodeHint')} type="password" inputMode="numeric" value={shareCode} onChange={(e) => setShareCode(e.target.value)} autoComplete="off" data-testid="share-code" />
        {error?.code === 'E_XML_SHARE_CODE' ? <Alert>{t('flow.xml.badShareCode')}</Alert> : <FlowErrorAlert error={error} />}
        {snapshot.matches({ identify: { xml: 'verifying' } }) && <Alert kind="info">{t('flow.xml.verifying')}</Alert>}
        <Actions><Button type="submit">{t('flow.xml.open')}</Button></Actions>
      </form>
      <Actions><BackCancel send={send} /></Actions>
    </Card>
  );
}

const OVD_KINDS = ['Passport', 'Voter ID', 'Driving licence', 'NREGA job card'] as const;

export function AlternateStep({ send }: StepProps) {
  const { t } = useTranslation();
  const [f, setF] = useState({ documentKind: OVD_KINDS[0] as string, documentLast4: '', name: '', dob: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send({ type: 'SUBMIT_ALTERNATE', documentKind: f.documentKind, documentLast4: f.documentLast4, name: f.name, ...(f.dob ? { dob: f.dob } : {}) });
  };
  return (
    <Card title={t('flow.alt.title')} testId="step-alternate">
      <p>{t('flow.alt.intro')}</p>
      <form onSubmit={submit} className="form">
        <div className="field">
          <label htmlFor="ovd-kind">{t('flow.alt.kind')}</label>
          <select id="ovd-kind" value={f.documentKind} onChange={(e) => setF({ ...f, documentKind: e.target.value })}>
            {OVD_KINDS.map((k) => <option key={k} value={k}>{t(`flow.alt.kinds.${k}`)}</option>)}
          </select>
        </div>
        <Field label={t('flow.alt.last4')} value={f.documentLast4} maxLength={4} onChange={(e) => setF({ ...f, documentLast4: e.target.value })} required />
        <Field label={t('flow.alt.name')} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
        <Field label={t('flow.alt.dob')} type="date" value={f.dob} onChange={(e) => setF({ ...f, dob: e.target.value })} />
        <Actions>
          <Button type="submit">{t('flow.continue')}</Button>
          <Button variant="secondary" onClick={() => send({ type: 'CANCEL' })}>{t('flow.cancel')}</Button>
        </Actions>
      </form>
    </Card>
  );
}
