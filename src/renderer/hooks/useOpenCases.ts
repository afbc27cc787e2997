/**
 * Open onboardings left by a crash or a closed window (`kyc:open-cases`), fetched once per login
 * (not again on unlock), with resume and discard. The caller hides the case its flow is working on.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OpenCase, ResumedCase } from '../../shared/ipc/kyc';
import { kiosk } from '../bridge';

interface Listed { agentId: string; cases: OpenCase[]; dismissed: boolean }

export function useOpenCases(agentId: string | null, onResumed: (resumed: ResumedCase) => void) {
  // Keyed by the agent: another login starts from nothing until its own list arrives.
  const [listed, setListed] = useState<Listed | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!agentId) return;
    let live = true;
    void kiosk['kyc:open-cases']().then((r) => {
      if (live && r.ok) setListed({ agentId, cases: r.value, dismissed: false });
    });
    return () => {
      live = false;
    };
  }, [agentId]);

  const current = listed && listed.agentId === agentId ? listed : null;
  const drop = (caseId: string) => setListed((l) => (l ? { ...l, cases: l.cases.filter((c) => c.caseId !== caseId) } : l));

  const resume = useCallback(async (caseId: string) => {
    setBusy(true);
    setError(null);
    const r = await kiosk['kyc:resume']({ caseId });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    drop(caseId);
    onResumed(r.value);
  }, [onResumed]);

  const discard = useCallback(async (caseId: string) => {
    setBusy(true);
    setError(null);
    const r = await kiosk['kyc:discard']({ caseId });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    drop(caseId);
  }, []);

  return {
    cases: current?.cases ?? [], dismissed: current?.dismissed ?? false, busy, error, resume, discard,
    later: () => setListed((l) => (l ? { ...l, dismissed: true } : l)),
  };
}
