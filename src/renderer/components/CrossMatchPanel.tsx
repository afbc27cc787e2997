/** The identity vs PAN/passport cross-match in plain words: one overall line, then one line per field compared. */
import { useTranslation } from 'react-i18next';
import type { CrossMatchSummary } from '../../shared/ipc/kyc';
import { Alert } from './ui';

const pct = (n: number) => Math.round(n * 100);

export function CrossMatchPanel({ crossMatch }: { crossMatch: CrossMatchSummary | null | undefined }) {
  const { t } = useTranslation();
  if (!crossMatch) return null;
  const { band, fields } = crossMatch;
  const summary = fields.length === 0 ? t('crossMatch.nothing') : t(`crossMatch.band.${band}`, { score: pct(crossMatch.score) });
  return (
    <section className="crossmatch" data-testid="crossmatch" data-band={band}>
      <h3>{t('crossMatch.title')}</h3>
      <Alert kind={band === 'match' && fields.length > 0 ? 'ok' : 'warning'}><span data-testid="crossmatch-summary">{summary}</span></Alert>
      {fields.length > 0 && (
        <ul data-testid="crossmatch-fields">
          {fields.map((f) => (
            <li key={`${f.sources.join('-')}-${f.field}`} data-field={f.field} data-reason={f.reason}>
              {t('crossMatch.line', {
                field: t(`crossMatch.field.${f.field}`), a: t(`crossMatch.source.${f.sources[0]}`), b: t(`crossMatch.source.${f.sources[1]}`),
                reason: t(`crossMatch.reason.${f.reason}`, { defaultValue: f.reason }), score: pct(f.score),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
