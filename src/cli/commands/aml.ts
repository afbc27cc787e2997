import { parseArgs } from 'node:util';
import type { ScreeningSubject } from '../../shared/aml/model';
import { DEFAULT_THRESHOLDS, assessRisk } from '../../shared/aml/risk';
import { buildIndex } from '../../shared/aml/token-index';
import { screen } from '../../shared/aml/matcher';
import { toErrorData } from '../../shared/errors';
import { loadListsFromDirs } from '../../main/aml/list-files';
import { bestScores, EVAL_THRESHOLDS, figuresAt, readLabelledRows } from '../../main/aml/evaluate';
import { report, type CliCommand } from '../command';

const USAGE = `vdex aml screen "NAME" [--dob YYYY-MM-DD] [--country CC] [--gender male|female] [--type person|organisation] --lists DIR [--lists DIR2] [--json]
vdex aml eval --positives FILE --negatives FILE --lists DIR [--threshold 0.85] [--json]
vdex aml lists --lists DIR [--json]
--lists reads official files by their published names (sdn.csv, alt.csv, add.csv, sdn_comments.csv, sdn.xml,
consolidated.xml, uapa.csv, pep.csv), any subset, plain or .gz; repeat it to combine folders.`;

export const amlCommand: CliCommand = {
  name: 'aml',
  summary: 'AML screening: screen a name, evaluate quality on labelled sets, show the loaded lists',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' }, lists: { type: 'string', multiple: true }, dob: { type: 'string' }, country: { type: 'string' },
        gender: { type: 'string' }, type: { type: 'string' }, positives: { type: 'string' }, negatives: { type: 'string' }, threshold: { type: 'string' },
      },
    });
    const json = values.json ?? false;
    const [sub, ...rest] = positionals;
    try {
      const dirs = values.lists ?? [];
      if (dirs.length === 0) return report(io, json, { ok: false, error: { code: 'E_AML_NO_LISTS', message: 'Give --lists DIR (a folder of official list files); the kiosk database is not read by this command.' }, exitCode: 2 });
      const lists = loadListsFromDirs(dirs);
      const index = buildIndex(lists.entities);
      if (sub === 'lists') {
        const value = { sources: lists.sources, entities: lists.entities.length, names: index.nameTokens.length, tokens: index.tokenKeys.length, danglingAliases: lists.danglingAliases, indexBuildMs: Math.round(index.buildMs) };
        return report(io, json, { ok: true, value, text: lists.sources.map((s) => `${s.list.padEnd(5)} ${s.version.padEnd(26)} ${String(s.entities).padStart(6)}  ${s.files.join(', ')}`).join('\n') });
      }
      if (sub === 'screen') {
        const name = rest.join(' ');
        if (!name.trim()) return report(io, json, { ok: false, error: { code: 'E_AML_NO_NAME', message: 'Give the name to screen.' }, exitCode: 2 });
        const gender = values.gender === 'male' || values.gender === 'female' ? values.gender : undefined;
        const subject: ScreeningSubject = { name, ...(values.dob ? { dob: values.dob } : {}), ...(values.country ? { country: values.country } : {}), ...(gender ? { gender } : {}), kind: values.type === 'organisation' ? 'organisation' as const : 'person' as const };
        const hits = screen(index, subject);
        const risk = assessRisk({ hits });
        const text = [`risk ${risk.band}${risk.pendingReview ? ' (potential match: supervisor review)' : ''}`, ...hits.map((h) => `${h.score.toFixed(3)}  ${h.list} ${h.ref}  ${h.primaryName}\n        ${h.explanation.notes.join('\n        ')}`)].join('\n');
        return report(io, json, { ok: true, value: { subject, thresholds: DEFAULT_THRESHOLDS, hits, risk, lists: lists.sources }, text });
      }
      if (sub === 'eval') {
        if (!values.positives || !values.negatives) return report(io, json, { ok: false, error: { code: 'E_AML_EVAL_ARGS', message: 'Give --positives FILE and --negatives FILE.' }, exitCode: 2 });
        const threshold = values.threshold ? Number(values.threshold) : DEFAULT_THRESHOLDS.review;
        const pos = bestScores(index, readLabelledRows(values.positives), 0.5);
        const neg = bestScores(index, readLabelledRows(values.negatives), 0.5);
        const at = figuresAt(threshold, pos, neg);
        const perThreshold = [...new Set([...EVAL_THRESHOLDS, threshold])].sort().map((t) => figuresAt(t, pos, neg));
        const text = [`threshold ${threshold}: recall ${at.recall.toFixed(4)} (${at.recalled}/${at.positives}), false-positive rate ${at.falsePositiveRate.toFixed(4)} (${at.falsePositives}/${at.negatives})`, ...perThreshold.map((f) => `  ${f.threshold.toFixed(2)}  recall ${f.recall.toFixed(4)}  fpr ${f.falsePositiveRate.toFixed(4)}`)].join('\n');
        return report(io, json, { ok: true, value: { ...at, perThreshold }, text });
      }
      return report(io, json, { ok: false, error: { code: 'E_CLI_USAGE', message: `Unknown aml subcommand. Usage:\n${USAGE}` }, exitCode: 2 });
    } catch (e) {
      return report(io, json, { ok: false, error: toErrorData(e) });
    }
  },
};
