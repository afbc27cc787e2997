/** Shared bits of the flow's screens: the snapshot/send props and error display in the agent's language. */
import { useTranslation } from 'react-i18next';
import type { FlowEvent, FlowSnapshot } from '../../flow/machine';
import type { FlowError } from '../../flow/types';
import { Alert } from '../../components/ui';

export interface StepProps {
  snapshot: FlowSnapshot;
  send: (e: FlowEvent) => void;
}

/** Known codes have a translated sentence; anything else shows the kiosk's own (English, safe) message. */
export function FlowErrorAlert({ error }: { error: FlowError | null }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const key = `errors.codes.${error.code}`;
  // RD services give their error in English and Hindi (issue 3's table).
  const hindi = i18n.language === 'hi' && typeof error.details?.messageHi === 'string' ? error.details.messageHi : null;
  const text = i18n.exists(key) ? t(key, { detail: hindi ?? error.message }) : hindi ?? error.message;
  return <Alert>{text}</Alert>;
}
