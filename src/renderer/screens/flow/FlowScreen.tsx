/** Renders the step the flow machine is in. The actor lives in the App, so an idle lock keeps it. */
import { useSelector } from '@xstate/react';
import { useEffect, useRef } from 'react';
import type { FlowActor } from '../../flow/machine';
import { AmlStep, DecisionStep, DoneStep, PanStep, ReceiptStep, ReviewStep } from './CaseSteps';
import { AlternateStep, BiometricStep, OtpStep, QrStep, XmlStep } from './IdentifySteps';
import { ConsentStep, LanguageStep, MethodStep } from './StartSteps';

export function FlowScreen({ actor, onHome }: { actor: FlowActor; onHome: () => void }) {
  const snapshot = useSelector(actor, (s) => s);
  const send = actor.send;
  const step = stepOf(snapshot.value);
  const region = useRef<HTMLDivElement>(null);
  // Move focus to the new step's heading so keyboard and screen-reader users follow along.
  useEffect(() => {
    region.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [step]);
  useEffect(() => {
    if (step === 'idle') send({ type: 'START' });
  }, [step, send]);
  const props = { snapshot, send };
  return (
    <div ref={region} data-step={step} data-testid="flow">
      {step === 'idle' || step === 'language' || step === 'starting' ? <LanguageStep {...props} />
        : step === 'consent' ? <ConsentStep {...props} />
          : step === 'method' || step === 'registeringMethod' ? <MethodStep {...props} />
            : step === 'identify.otp' ? <OtpStep {...props} />
              : step === 'identify.biometric' ? <BiometricStep {...props} />
                : step === 'identify.qr' ? <QrStep {...props} />
                  : step === 'identify.xml' ? <XmlStep {...props} />
                    : step === 'identify.alternate' ? <AlternateStep {...props} />
                      : step === 'review' ? <ReviewStep {...props} />
                        : step === 'pan' ? <PanStep {...props} />
                          : step === 'aml' ? <AmlStep {...props} />
                            : step === 'decision' ? <DecisionStep {...props} />
                              : step === 'receipt' ? <ReceiptStep {...props} />
                                : <DoneStep {...props} onHome={onHome} />}
    </div>
  );
}

/** "identify.otp" for { identify: { otp: 'enterId' } }, "consent" for { consent: 'reading' }. */
function stepOf(value: unknown): string {
  if (typeof value === 'string') return value;
  const [top, inner] = Object.entries(value as Record<string, unknown>)[0]!;
  return top === 'identify' && inner && typeof inner === 'object' ? `identify.${Object.keys(inner)[0]}` : top === 'identify' ? `identify.${String(inner)}` : top;
}
