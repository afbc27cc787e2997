/** First-run supervisor setup, login by password or PIN, and the lock screen (which hides the session's data). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentSession } from '../../shared/ipc/agents';
import { kiosk } from '../bridge';
import { Actions, Alert, Button, Card, Field } from '../components/ui';

type Kind = 'password' | 'pin';

function useSubmit<T>(run: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>, done: (v: T) => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await run();
    setBusy(false);
    if (r.ok) done(r.value);
    else setError(r.error.message);
  };
  return { error, busy, submit };
}

export function SetupScreen({ onDone }: { onDone: (s: AgentSession) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ employeeId: '', name: '', password: '', pin: '' });
  const { error, busy, submit } = useSubmit(() => kiosk['agents:setup']({ employeeId: f.employeeId, name: f.name, password: f.password, ...(f.pin ? { pin: f.pin } : {}) }), onDone);
  return (
    <Card title={t('auth.setupTitle')} testId="setup-screen">
      <p>{t('auth.setupIntro')}</p>
      <form onSubmit={submit} className="form">
        <Field label={t('auth.employeeId')} value={f.employeeId} onChange={(e) => setF({ ...f, employeeId: e.target.value })} autoComplete="off" required />
        <Field label={t('auth.name')} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
        <Field label={t('auth.password')} hint={t('auth.passwordHint')} type="password" value={f.password} onChange={(e) => setF({ ...f, password: e.target.value })} required minLength={8} />
        <Field label={t('auth.pinOptional')} hint={t('auth.pinHint')} type="password" inputMode="numeric" value={f.pin} onChange={(e) => setF({ ...f, pin: e.target.value })} />
        {error && <Alert>{error}</Alert>}
        <Actions>
          <Button type="submit" disabled={busy}>{t('auth.createSupervisor')}</Button>
        </Actions>
      </form>
    </Card>
  );
}

export function LoginScreen({ onDone }: { onDone: (s: AgentSession) => void }) {
  const { t } = useTranslation();
  const [employeeId, setEmployeeId] = useState('');
  const [kind, setKind] = useState<Kind>('password');
  const [secret, setSecret] = useState('');
  const { error, busy, submit } = useSubmit(() => kiosk['agents:login']({ employeeId, kind, secret }), onDone);
  return (
    <Card title={t('auth.loginTitle')} testId="login-screen">
      <form onSubmit={submit} className="form">
        <Field label={t('auth.employeeId')} value={employeeId} onChange={(e) => setEmployeeId(e.target.value)} autoComplete="username" required autoFocus />
        <fieldset className="segmented">
          <legend>{t('auth.loginWith')}</legend>
          {(['password', 'pin'] as const).map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`auth.${k}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t(`auth.${kind}`)} type="password" inputMode={kind === 'pin' ? 'numeric' : undefined} value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="current-password" required />
        {error && <Alert>{error}</Alert>}
        <Actions>
          <Button type="submit" disabled={busy}>{t('auth.login')}</Button>
        </Actions>
      </form>
    </Card>
  );
}

export function LockScreen({ session, onUnlocked, onLogout }: { session: AgentSession; onUnlocked: (s: AgentSession) => void; onLogout: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('pin');
  const [secret, setSecret] = useState('');
  const { error, busy, submit } = useSubmit(() => kiosk['agents:unlock']({ kind, secret }), onUnlocked);
  return (
    <Card title={t('auth.lockedTitle')} testId="lock-screen">
      <p>{t('auth.lockedIntro', { name: session.name })}</p>
      <form onSubmit={submit} className="form">
        <fieldset className="segmented">
          <legend>{t('auth.unlockWith')}</legend>
          {(['pin', 'password'] as const).map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="unlock-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`auth.${k}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t(`auth.${kind}`)} type="password" value={secret} onChange={(e) => setSecret(e.target.value)} required autoFocus />
        {error && <Alert>{error}</Alert>}
        <Actions>
          <Button type="submit" disabled={busy}>{t('auth.unlock')}</Button>
          <Button variant="secondary" onClick={onLogout}>{t('auth.logout')}</Button>
        </Actions>
      </form>
    </Card>
  );
}
