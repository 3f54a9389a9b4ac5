// Phrases from user testing, run through `ask --json` on the shipped knowledge: what an officer would see.
import { describe, expect, it } from 'vitest';
import { askAll, type AskJson } from './ask-json.ts';

const DANGER_NOW = [
  'they are hitting her',
  'someone punching a woman in the street outside the massage parlour',
  'he cant breathe',
  'girl in the back of a van crying, van is leaving now',
  'boss is beating the workers',
  'theyre beating him right now',
  'kids being moved to another county tonight',
  'victim is with me, trafficker outside',
  'stab',
  'urgent',
];
const TOO_THIN = ['cant', 'not', "can't find him", 'help', 'hi', 'hello'];
const TOP: [string, string][] = [
  ['whats the ms1 form email address', 'ms1-form'],
  ['how do i refer to the nrm in wales', 'nrm-adult-consents'],
  ['nrm portal', 'nrm-adult-consents'],
  // one word is far in meaning from every phrasing, so the right model is less sure of it (0.86): the GLAA
  // first, with its companions offered beside it
  ['glaa', 'glaa'],
];
const ANSWERED: [string, string][] = [
  // the helpline's own entry, or the numbers at a glance, which opens with it
  ['wots the number for the helpline', 'modern-slavery-helpline|useful-numbers'],
  ['modern slavery helplne number', 'modern-slavery-helpline'],
  ['crimestoppers', 'crimestoppers'],
];

/** Asked for a partnership's contact, the answer gives a way to reach it, whichever Greater Manchester entry leads. */
const GREATER_MANCHESTER = ['Greater Manchester anti-slavery partnership contact', 'who covers salford for modern slavery'];

/** A yes/no question answered on its entry's first line. */
const CONSENT = "Do I need the adult's consent to refer them to the NRM?";
/** A child in Northern Ireland: the Trust, on the first lines. */
const NI_CHILD = 'NI child referrals - who do I refer to';
/** Someone in danger who cannot speak. */
const CANNOT_SPEAK = 'im being held in a house they took my passport i cant talk';

/** A partnership asked for by place: the answer says first whether it covers that place. */
const PLACES = ['who covers lincolnshire for modern slavery', 'anti slavery partnership newcastle', 'who covers Hull for modern slavery'];

/** What a business or council asks about modern slavery statements, answered from the statement's own entry. */
const STATEMENTS = ['is a local authority covered by the slavery statement rules?', 'who signs off a modern slavery statement'];

/** "Why doesn't she just leave?": the barriers, not a referral route. */
const WHY_STAY = ['why doesnt she just leave him and the house', 'why do trafficking victims go back to their exploiters'];

const answers = await askAll([...DANGER_NOW, ...TOO_THIN, ...TOP.map(([q]) => q), ...ANSWERED.map(([q]) => q), 'nrm', ...GREATER_MANCHESTER, ...STATEMENTS, ...WHY_STAY, ...PLACES, CONSENT, CANNOT_SPEAK, NI_CHILD]);
const get = (q: string): AskJson => answers.get(q)!;

describe('user trial: danger now', () => {
  it.each(DANGER_NOW)('"%s" is urgent, answers the danger-now guidance and opens with 999', (q) => {
    const a = get(q);
    expect(a.urgent).toBe(true);
    expect(a.status).not.toBe('no_match');
    expect(a.answer?.id).toBe('someone-in-danger-now');
    expect(a.answer?.text.startsWith('999')).toBe(true);
  });
});

describe('user trial: too little to go on', () => {
  it.each(TOO_THIN)('"%s" is no_match with the fallback, not a guess', (q) => {
    const a = get(q);
    expect(a.status).toBe('no_match');
    expect(a.urgent).toBe(false);
    expect(a.answer).toBeNull();
    expect(a.text).toContain('999');
    expect(a.text).toContain('08000 121 700');
    // The fallback must not promise a command that `ask` does not have.
    expect(a.text).not.toMatch(/type "help"/i);
  });
});

describe('user trial: topic words outweigh request words; real words are not place names', () => {
  it.each(TOP)('"%s" puts %s first', (q, id) => {
    const a = get(q);
    expect(a.urgent).toBe(false);
    expect(['answered', 'ambiguous']).toContain(a.status);
    expect(a.answer?.id).toBe(id);
  });

  it('"nrm portal" offers no partnership for Port Talbot or Cheshire', () => {
    const ids = [get('nrm portal').answer?.id, ...get('nrm portal').suggestions.map((s) => s.id)];
    expect(ids).not.toContain('wales-western-bay-forum');
    expect(ids).not.toContain('cheshire-anti-slavery-network');
  });
});

describe('user trial: a clear answer is not hedged because of its companions', () => {
  it.each(ANSWERED)('"%s" is answered with %s', (q, id) => {
    const a = get(q);
    expect(a.status).toBe('answered');
    expect(a.urgent).toBe(false);
    expect(id.split('|')).toContain(a.answer?.id);
    expect(a.answer?.text.startsWith('My best match')).toBe(false);
  });

  it('"nrm" shows the adult NRM referral first', () => {
    expect(get('nrm').answer?.id).toBe('nrm-adult-consents');
  });
});

describe('user trial: a partnership asked for comes with a way to reach it', () => {
  it.each(GREATER_MANCHESTER)('"%s" gives the Greater Manchester partnership\'s email', (q) => {
    const a = get(q);
    expect(['greater-manchester-modern-slavery-unit', 'greater-manchester-ngo-forum']).toContain(a.answer?.id);
    expect(a.answer?.text).toContain('info@programmechallenger.co.uk');
  });
});

describe('user trial: modern slavery statements', () => {
  it('a council asking whether the statement rules cover it is told they do not, as the law stands', () => {
    const a = get(STATEMENTS[0]!);
    expect(a.answer?.id).toBe('msa-s54-transparency');
    expect(a.answer?.text).toMatch(/Public bodies\s+such as councils are not covered by section 54 as it stands/);
  });
  it('who approves and signs a statement is in the answer', () => {
    const a = get(STATEMENTS[1]!);
    expect(a.answer?.id).toBe('msa-s54-transparency');
    expect(a.answer?.text).toContain('board of directors approves it and a director signs it');
  });
});

describe('user trial: why victims stay', () => {
  it.each(WHY_STAY)('"%s" puts the reasons people stay first', (q) => {
    const a = get(q);
    expect(a.answer?.id).toBe('why-victims-do-not-leave');
    expect(a.answer?.text).toContain('may still be a victim');
  });
});

describe('user trial: a partnership asked for by place says whether it covers it', () => {
  it('a listed place: "Covers …" before the summary', () => {
    const a = get(PLACES[0]!);
    expect(a.answer?.id).toBe('east-midlands-anti-human-trafficking-partnership');
    expect(a.answer?.text.split('\n')[1]).toMatch(/^Covers Lincolnshire\. /);
  });
  it('Hull has its own partnership, the Humber one', () => {
    const a = get(PLACES[2]!);
    expect(a.answer?.id).toBe('humber-modern-slavery-partnership');
    expect(a.answer?.text.split('\n')[1]).toMatch(/^Covers Hull\. /);
  });
  it('a place with no partnership listed: said so, never "Covers"', () => {
    const a = get(PLACES[1]!);
    expect(a.answer?.id).toBe('find-a-local-partnership');
    expect(a.answer?.text).toContain('No anti-slavery partnership of its own is listed for Newcastle.');
    expect(a.answer?.text).not.toContain('Covers Newcastle');
  });
});

describe('user trial: the first lines answer what was asked', () => {
  it('"do I need consent" is answered on the summary\'s first line, with what happens without it', () => {
    const a = get(CONSENT);
    expect(a.answer?.id).toBe('nrm-adult-consents');
    expect(a.answer?.text.split('\n')[1]).toMatch(/^An adult is referred to the NRM only with their informed consent; if they say no, a public authority makes\s+a Duty to Notify notification instead\./);
  });
  it('someone in danger who cannot talk is told how to call 999 silently', () => {
    const a = get(CANNOT_SPEAK);
    expect(a.urgent).toBe(true);
    expect(a.answer?.text.startsWith('999')).toBe(true);
    expect(a.answer?.text).toContain('call 999 and press 55 when asked');
  });
});

describe('user trial: a child in Northern Ireland', () => {
  it('gets the Health and Social Care Trust in the summary, before the adult rules', () => {
    const a = get(NI_CHILD);
    expect(a.answer?.id).toBe('northern-ireland-referral');
    const summary = a.answer!.text.split('\n')[1]!;
    expect(summary.indexOf('For a child, go to the Health and Social Care Trust')).toBeGreaterThan(-1);
    expect(summary.indexOf('Health and Social Care Trust')).toBeLessThan(summary.indexOf("An adult's consent"));
  });
});
