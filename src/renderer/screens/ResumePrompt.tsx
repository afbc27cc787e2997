/**
 * "An onboarding was interrupted": shown after login when the kiosk holds open cases
 * (`kyc:open-cases`, left by a crash or a closed window). The maker resumes one at its
 * last safe step or discards it; a supervisor also sees other agents' cases and may
 * only discard those. Pure view: the calls live in hooks/useOpenCases.ts.
 */
import { useTranslation } from 'react-i18next';
import type { AgentSession } from '../../shared/ipc/agents';
import type { OpenCase } from '../../shared/ipc/kyc';
import { Actions, Alert, Button, Card } from '../components/ui';

export interface ResumePromptProps {
  cases: OpenCase[];
  session: Pick<AgentSession, 'agentId'>;
  busy?: boolean;
  error?: string | null;
  onResume(caseId: string): void;
  onDiscard(caseId: string): void;
  onLater(): void;
}

export function ResumePrompt({ cases, session, busy = false, error = null, onResume, onDiscard, onLater }: ResumePromptProps) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-IN' : `${i18n.language}-IN`, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Card title={t('resume.title')} testId="resume-prompt">
      <p>{t('resume.intro')}</p>
      {error && <Alert>{error}</Alert>}
      <ul className="resume-cases">
        {cases.map((c) => {
          const mine = c.makerId === session.agentId;
          return (
            <li key={c.caseId} data-testid={`resume-case-${c.reference}`}>
              <p>
                <strong>{c.reference}</strong>
                {c.maskedId && <> · <span>{c.maskedId}</span></>}
                {c.method && <> · <span>{t(`flow.method.${c.method}`)}</span></>}
              </p>
              <p className="small-print">
                {t('resume.started', { time: time(c.createdAt) })} · {t(`resume.reached.${c.reached}`)} · {t(`resume.continuesAt.${c.resumeAt}`)}
                {!mine && <> · {t('resume.startedBy', { name: c.makerName })}</>}
              </p>
              <Actions>
                {mine && <Button disabled={busy} onClick={() => onResume(c.caseId)} data-testid="resume-case">{t('resume.resume')}</Button>}
                <Button variant="danger" disabled={busy} onClick={() => onDiscard(c.caseId)} data-testid="discard-case">{t('resume.discard')}</Button>
              </Actions>
            </li>
          );
        })}
      </ul>
      <Actions>
        <Button variant="secondary" disabled={busy} onClick={onLater} data-testid="resume-later">{t('resume.later')}</Button>
      </Actions>
    </Card>
  );
}
