/** The "onboarding interrupted" prompt: what it offers whom, in each interface language. */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenCase } from '../../shared/ipc/kyc';
import i18n, { LANGUAGES, resources } from '../i18n';
import { ResumePrompt } from './ResumePrompt';

const mine: OpenCase = {
  caseId: 'c1', reference: 'VDX-20261122-AAA111', makerId: 'agent-1', makerName: 'Ravi', language: 'hi', method: 'secure-qr', maskedId: 'XXXX XXXX 2346',
  reached: 'face-match', resumeAt: 'identity', createdAt: '2026-11-22T04:00:00.000Z', updatedAt: '2026-11-22T04:05:00.000Z',
};
const theirs: OpenCase = { ...mine, caseId: 'c2', reference: 'VDX-20261122-BBB222', makerId: 'agent-2', makerName: 'Meena', method: null, maskedId: null, reached: 'consented', resumeAt: 'method' };
const render = (cases: OpenCase[], agentId = 'agent-1') =>
  renderToStaticMarkup(<ResumePrompt cases={cases} session={{ agentId }} onResume={() => undefined} onDiscard={() => undefined} onLater={() => undefined} />);
const count = (html: string, s: string) => html.split(s).length - 1;

afterAll(() => void i18n.changeLanguage('en'));

describe('ResumePrompt', () => {
  it('offers resume only on the agent’s own case, discard on every case, and says where each continues', async () => {
    await i18n.changeLanguage('en');
    const html = render([mine, theirs]);
    expect(html).toContain('An onboarding was interrupted');
    expect(count(html, 'data-testid="resume-case"')).toBe(1);
    expect(count(html, 'data-testid="discard-case"')).toBe(2);
    expect(html).toContain('XXXX XXXX 2346');
    expect(html).toContain('continues at the identity step (verify again)');
    expect(html).toContain('continues at the method choice');
    expect(html).toContain('started by Meena');
    expect(html).not.toContain('started by Ravi');
  });

  it.each(LANGUAGES.map((l) => l.code))('is translated in %s: every key it uses exists, no raw key shows', async (lang) => {
    const keys = resources[lang].translation as unknown as { resume: Record<string, unknown>; outOfService: Record<string, unknown> };
    expect(Object.keys(keys.resume).sort()).toEqual(Object.keys(resources.en.translation.resume).sort());
    expect(Object.keys(keys.resume.reached as object).sort()).toEqual(Object.keys(resources.en.translation.resume.reached).sort());
    expect(Object.keys(keys.resume.continuesAt as object).sort()).toEqual(Object.keys(resources.en.translation.resume.continuesAt).sort());
    await i18n.changeLanguage(lang);
    const html = render([mine, theirs]);
    expect(html).not.toMatch(/resume\.|flow\.method\./);
    if (lang !== 'en') expect(html).not.toContain('An onboarding was interrupted');
  });
});
