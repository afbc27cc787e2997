/** Settings: language, idle lock, agent accounts (supervisor), central API shown read-only (it comes from the signed branch config). */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_MAX_SECONDS, IDLE_LOCK_MIN_SECONDS, type AgentSession } from '../../shared/ipc/agents';
import { kiosk } from '../bridge';
import { Actions, Alert, Button, Card, Field } from '../components/ui';
import { WatchlistFacts } from '../components/Watchlists';
import { useKioskCall } from '../hooks/useKioskCall';
import { LANGUAGES } from '../i18n';

export function SettingsScreen({ session, idleLockSeconds, onIdleChange }: { session: AgentSession; idleLockSeconds: number; onIdleChange: (s: number) => void }) {
  const { t, i18n } = useTranslation();
  const [idle, setIdle] = useState(String(idleLockSeconds));
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [agent, setAgent] = useState({ employeeId: '', name: '', password: '', pin: '', role: 'agent' as 'agent' | 'supervisor' });
  const loadAgents = useCallback(() => kiosk['agents:list'](), []);
  const supervisor = session.role === 'supervisor';
  const { value: agents, reload } = useKioskCall(loadAgents);
  const saveIdle = async () => {
    const r = await kiosk['agents:set-idle-lock']({ seconds: Number(idle) });
    setMsg(r.ok ? { kind: 'ok', text: t('settings.saved') } : { kind: 'error', text: r.error.message });
    if (r.ok) onIdleChange(r.value.idleLockSeconds);
  };
  const createAgent = async () => {
    const r = await kiosk['agents:create']({ employeeId: agent.employeeId, name: agent.name, password: agent.password, role: agent.role, ...(agent.pin ? { pin: agent.pin } : {}) });
    setMsg(r.ok ? { kind: 'ok', text: t('settings.agentCreated', { id: r.value.employeeId }) } : { kind: 'error', text: r.error.message });
    if (r.ok) {
      setAgent({ employeeId: '', name: '', password: '', pin: '', role: 'agent' });
      reload();
    }
  };
  return (
    <Card title={t('settings.title')} testId="settings-screen">
      {msg && <Alert kind={msg.kind}>{msg.text}</Alert>}
      <div className="field">
        <label htmlFor="settings-language">{t('app.language')}</label>
        <select id="settings-language" value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
          {LANGUAGES.map((l) => <option key={l.code} value={l.code}>{l.label}</option>)}
        </select>
      </div>
      <WatchlistFacts />
      {supervisor && (
        <>
          <Field label={t('settings.idle')} type="number" min={IDLE_LOCK_MIN_SECONDS} max={IDLE_LOCK_MAX_SECONDS} value={idle} onChange={(e) => setIdle(e.target.value)} />
          <Actions><Button onClick={() => void saveIdle()}>{t('settings.save')}</Button></Actions>
          <h3>{t('settings.agents')}</h3>
          <ul>{agents?.map((a) => <li key={a.id}>{a.employeeId} · {a.name} · {t(`roles.${a.role}`)}</li>)}</ul>
          <h3>{t('settings.newAgent')}</h3>
          <Field label={t('auth.employeeId')} value={agent.employeeId} onChange={(e) => setAgent({ ...agent, employeeId: e.target.value })} />
          <Field label={t('auth.name')} value={agent.name} onChange={(e) => setAgent({ ...agent, name: e.target.value })} />
          <Field label={t('auth.password')} type="password" value={agent.password} onChange={(e) => setAgent({ ...agent, password: e.target.value })} />
          <Field label={t('auth.pinOptional')} type="password" value={agent.pin} onChange={(e) => setAgent({ ...agent, pin: e.target.value })} />
          <div className="field">
            <label htmlFor="new-agent-role">{t('settings.role')}</label>
            <select id="new-agent-role" value={agent.role} onChange={(e) => setAgent({ ...agent, role: e.target.value as 'agent' | 'supervisor' })}>
              <option value="agent">{t('roles.agent')}</option>
              <option value="supervisor">{t('roles.supervisor')}</option>
            </select>
          </div>
          <Actions><Button onClick={() => void createAgent()}>{t('settings.create')}</Button></Actions>
        </>
      )}
    </Card>
  );
}
