/**
 * "Out of service": where the Electron shell sends the window after the renderer crashed
 * repeatedly (policy.ts `crashAction`; each crash is audited in the main process). A calm,
 * static page: it makes no kiosk calls, so it cannot crash the same way again. It speaks all
 * three interface languages at once, since no agent is there to pick one.
 */
import i18n, { LANGUAGES } from '../i18n';
import { Card } from '../components/ui';

export function OutOfServiceScreen() {
  const en = i18n.getFixedT('en');
  return (
    <main className="out-of-service" data-testid="out-of-service">
      <Card title={en('outOfService.title')} testId="out-of-service-card">
        {LANGUAGES.map(({ code }) => {
          const t = i18n.getFixedT(code);
          return (
            <div key={code} lang={code} data-testid={`out-of-service-${code}`}>
              {code !== 'en' && <h3>{t('outOfService.title')}</h3>}
              <p>{t('outOfService.body')}</p>
              <p><strong>{t('outOfService.action')}</strong></p>
            </div>
          );
        })}
      </Card>
    </main>
  );
}
