/**
 * The app shell: first-run setup, login, lock screen, navigation, and the
 * current screen. The flow actor lives here so an idle lock keeps the customer's
 * session while the lock screen replaces (unmounts) everything that shows it.
 */
// First: it reads the start route before bridge.ts (browser mode) clears the address bar.
import { START_HASH } from './start-route';
import { useActorRef, useSelector } from '@xstate/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentSession, AgentsStatus } from '../shared/ipc/agents';
import type { ResumedCase } from '../shared/ipc/kyc';
import { kiosk } from './bridge';
import { Alert } from './components/ui';
import { createFlowMachine } from './flow/machine';
import { createKioskServices } from './flow/services';
import { useIdle } from './hooks/useIdle';
import { useOpenCases } from './hooks/useOpenCases';
import { LANGUAGES } from './i18n';
import { AuditScreen } from './screens/AuditScreen';
import { LockScreen, LoginScreen, SetupScreen } from './screens/AuthScreens';
import { FlowScreen } from './screens/flow/FlowScreen';
import { HomeScreen } from './screens/HomeScreen';
import { QueueScreen } from './screens/QueueScreen';
import { ResumePrompt } from './screens/ResumePrompt';
import { SettingsScreen } from './screens/SettingsScreen';
import { standaloneScreen } from './screens/standalone';
import { SupervisorScreen } from './screens/SupervisorScreen';

type Route = 'home' | 'flow' | 'queue' | 'supervisor' | 'audit' | 'settings';

const flowMachine = createFlowMachine(createKioskServices(kiosk));

/** `#/config-refused/<code>` and `#/out-of-service` render alone, with no kiosk call; anything else is the app. */
export function App() {
  return standaloneScreen(START_HASH) ?? <KioskApp />;
}

function KioskApp() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<AgentsStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>('home');
  const [online, setOnline] = useState(navigator.onLine);
  const flow = useActorRef(flowMachine, { input: { online } });

  useEffect(() => {
    void kiosk['agents:status']().then((r) => (r.ok ? setStatus(r.value) : setStatusError(r.error.message)));
  }, []);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  useEffect(() => flow.send({ type: 'NETWORK', online }), [flow, online]);

  const session = status?.session ?? null;
  const setSession = useCallback((s: AgentSession | null) => setStatus((st) => (st ? { ...st, firstRun: false, session: s } : st)), []);
  const lock = useCallback(() => {
    void kiosk['agents:lock']().then((r) => r.ok && setSession(r.value));
  }, [setSession]);
  useIdle(status?.idleLockSeconds ?? 120, session !== null && !session.locked, lock);

  const logout = useCallback(() => {
    flow.send({ type: 'CANCEL' });
    void kiosk['agents:logout']().then(() => setSession(null));
    setRoute('home');
  }, [flow, setSession]);

  // Onboardings a crash left open: offered after login, on the home screen, while no other is under way.
  const onResumed = useCallback((resumed: ResumedCase) => {
    flow.send({ type: 'RESUME', resumed });
    setRoute('flow');
  }, [flow]);
  const open = useOpenCases(session?.agentId ?? null, onResumed);
  const flowFree = useSelector(flow, (s) => s.matches('idle') || s.matches('done'));
  const flowCase = useSelector(flow, (s) => s.context.caseId);
  const interrupted = open.cases.filter((c) => c.caseId !== flowCase);

  const nav = useMemo(() => {
    const items: Route[] = ['home', 'flow', 'queue'];
    if (session?.role === 'supervisor') items.push('supervisor', 'audit');
    items.push('settings');
    return items;
  }, [session?.role]);

  let content;
  if (statusError) content = <Alert>{statusError}</Alert>;
  else if (!status) content = <p>{t('app.loading')}</p>;
  else if (status.firstRun) content = <SetupScreen onDone={setSession} />;
  else if (!session) content = <LoginScreen onDone={setSession} />;
  else if (session.locked) content = <LockScreen session={session} onUnlocked={setSession} onLogout={logout} />;
  else if (route === 'flow') content = <FlowScreen actor={flow} onHome={() => setRoute('home')} />;
  else if (route === 'queue') content = <QueueScreen />;
  else if (route === 'supervisor') content = <SupervisorScreen />;
  else if (route === 'audit') content = <AuditScreen />;
  else if (route === 'settings') content = <SettingsScreen session={session} idleLockSeconds={status.idleLockSeconds} onIdleChange={(s) => setStatus({ ...status, idleLockSeconds: s })} />;
  else {
    const home = <HomeScreen onStart={() => { setRoute('flow'); if (flow.getSnapshot().matches('idle') || flow.getSnapshot().matches('done')) flow.send({ type: 'START' }); }} />;
    content = flowFree && !open.dismissed && interrupted.length > 0
      ? (
        <>
          <ResumePrompt cases={interrupted} session={session} busy={open.busy} error={open.error} onResume={(id) => void open.resume(id)} onDiscard={(id) => void open.discard(id)} onLater={open.later} />
          {home}
        </>
      )
      : home;
  }

  return (
    <div className="shell">
      <header className="shell-header">
        <div>
          <h1 className="brand">{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        {session && !session.locked && (
          <p className="who" data-testid="who">{session.name} · {t(`roles.${session.role}`)}</p>
        )}
        {!online && <p className="offline-badge" role="status">{t('app.offline')}</p>}
        <label className="language">
          <span>{t('app.language')}</span>
          <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>{l.label}</option>
            ))}
          </select>
        </label>
      </header>
      {session && !session.locked && (
        <nav className="nav" aria-label={t('nav.label')}>
          {nav.map((r) => (
            <button key={r} type="button" className={`nav-item ${route === r ? 'active' : ''}`} aria-current={route === r ? 'page' : undefined} onClick={() => setRoute(r)} data-testid={`nav-${r}`}>
              {t(`nav.${r}`)}
            </button>
          ))}
          <button type="button" className="nav-item" onClick={lock} data-testid="nav-lock">{t('nav.lock')}</button>
          <button type="button" className="nav-item" onClick={logout} data-testid="nav-logout">{t('auth.logout')}</button>
        </nav>
      )}
      <main className="shell-main">{content}</main>
    </div>
  );
}
