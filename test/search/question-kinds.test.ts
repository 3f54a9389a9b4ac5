// The kinds of question the search must read, each run through `ask --json` on the shipped knowledge:
// what an officer or coordinator would see. Phrasings here are examples of a kind, not special cases: the
// held-out sets (test/eval/heldout/) test the same kinds with questions nobody here wrote.
import { describe, expect, it } from 'vitest';
import { askAll, type AskJson } from './ask-json.ts';

type Case = [question: string, acceptable: string[]];

const FRAMINGS: Case[] = [
  ['is cuckooing a form of modern slavery', ['cce-and-cuckooing-offences', 'signs-cuckooing', 'signs-criminal-exploitation', 'county-lines-child-concern']],
  ['what is cuckooing', ['signs-cuckooing', 'cce-and-cuckooing-offences']],
  ['what is debt bondage', ['definition-debt-bondage']],
  ['what does servitude mean', ['definition-slavery-and-servitude']],
  ["if they're being paid it can't be slavery", ['definition-forced-labour', 'signs-labour-exploitation', 'definition-debt-bondage']],
  ['glaa intel line?', ['glaa', 'labour-exploitation-glaa']],
  ['who can make an nrm referral', ['first-responder-organisations', 'nrm-adult-consents', 'not-a-first-responder']],
  // the kind of document wanted says how to answer, not what about
  ['Duty to Notify FAQs for council staff', ['duty-to-notify-who-must', 'duty-to-notify-adult-no-consent']],
  ['county lines factsheet for school staff', ['county-lines-child-concern', 'signs-criminal-exploitation']],
  // practitioners' shorthand: stmt, yr, hse, hv, accom, pv(s), immig
  ['do we need a new s54 stmt every yr?', ['msa-s54-transparency']],
  ['hv here, cleaner sleeps on the kitchen floor n never leaves the hse - servitude signs?', ['signs-domestic-servitude']],
  ['can we get emergency accom for a pv tonight', ['request-emergency-support-adult']],
  ['what shud a new p-ship include', ['setting-up-a-partnership']],
  ['npcc guidance on immig checks for pvs?', ['policing-programme-update', 'nrm-immigration-status']],
  // how sure the writer is ("dodgy", "iffy") is not what the question is about
  ['report a dodgy gangmaster', ['labour-exploitation-glaa', 'glaa']],
  ['iffy car wash, lads not getting paid - who do i tell', ['labour-exploitation-glaa', 'signs-labour-exploitation']],
];
/** The child route: the NRM referral for a child, the guardian service, the child trafficking advice line. */
const CHILD_ROUTE = ['child-referral-nrm', 'ictg-referral', 'nspcc-ctac'];
const CHILD_FIRST: Case[] = [
  ['16 year old working at a hand car wash, what do i do', CHILD_ROUTE],
  ['lad at the nail bar looks about 14, says hes 19, what now', CHILD_ROUTE],
  ['teenager on the farm picking with the adults, no school, who do I refer to', CHILD_ROUTE],
  // "minor" is a child here, whatever follows it
  ['hes a minor, works at a car wash 12 hours a day, how do i refer', CHILD_ROUTE],
];
const NAMED_THING: Case[] = [
  ['can a 16 year old caught on a county line use the section 45 defence', ['victim-who-is-a-suspect']],
  // the practice's own signs page, not the county-lines signs it is a part of
  ['what are the signs of cuckooing at an address', ['signs-cuckooing']],
  ['how do we apply for a slavery and trafficking risk order', ['applying-for-stro', 'stpo-and-stro']],
  // a numbered part of the Commissioner's plan is its own page, not the plan it belongs to
  ['priority 3.2 - who should we be working with', ['priority-3-vulnerable-communities']],
  // a devolved jurisdiction asked about is named as specifically as anything: its own law applies, for a child too
  ['16 year old found at a car wash in Glasgow, what are the scottish rules, is it the nrm?', ['scotland-referral']],
  ['is there a section 45 type defence in northern ireland', ['northern-ireland-referral']],
];
/** An "NI number" is a National Insurance number, not Northern Ireland. */
const NI_NUMBER = 'boss took his ni number and bank card - is that forced labour?';
/**
 * The kind of answer asked for decides between neighbours that share their words: what to do about a child
 * is the child referral, the signs of it are the signs page.
 */
const KIND_WANTED: Case[] = [
  ['What should I do if I think a child has been trafficked?', ['child-referral-nrm']],
  ['signs a child has been trafficked', ['signs-child-trafficking']],
];
/** A general "what do I do" about modern slavery: where to start, never a defence for a suspect. */
const SUSPECT_GENERAL = 'what do I do if I suspect modern slavery';
/** Children named only around an adult (a primary school, the children's services the writer rules out). */
const ADULT_AMONG_CHILD_WORDS: Case[] = [
  [
    "Teacher at a primary school. A parent told me her employer pays her almost nothing for cleaning offices at night. She's an adult, so not a children's services matter. I'm not a first responder - what do I do?",
    ['not-a-first-responder', 'labour-exploitation-glaa', 'signs-labour-exploitation'],
  ],
];
/** Said in other words than any phrasing: closeness in meaning (src/search/meaning.ts) picks among the candidates. */
const IN_OTHER_WORDS: Case[] = [
  ['what should a new partnership include', ['setting-up-a-partnership']],
  ['how can you tell if someone is being exploited at work', ['signs-labour-exploitation']],
];
const CONTEXT_FIRST: Case[] = [
  ['PC in Hull on nights. Did a welfare check at a takeaway, a lad working the fryer looks about 15 and has no English. What do I do with him?', CHILD_ROUTE],
  [
    'Housing officer here. A tenant says he owes the man who brought him over thousands for travel and rent, and it keeps going up even though he works six days a week. Is that debt bondage?',
    ['definition-debt-bondage', 'signs-labour-exploitation'],
  ],
  [
    'Practice nurse at a GP surgery. A woman told me her employer keeps her passport and she sleeps at the restaurant where she works. She is an adult and wants help. How do I refer her?',
    ['nrm-adult-consents', 'not-a-first-responder', 'request-emergency-support-adult'],
  ],
];
const NOT_URGENT: Case[] = [
  ['not urgent - how do i make an nrm referral for an adult', ['nrm-adult-consents']],
  ['no immediate danger but what are the signs of domestic servitude', ['signs-domestic-servitude']],
  [
    'Licensing officer in Hull. Two kitchen staff at a takeaway say they work 7 days for a bit of cash. Nobody seemed at immediate risk. Who do I report labour exploitation to?',
    ['labour-exploitation-glaa', 'signs-labour-exploitation'],
  ],
];
/**
 * Answered before the in-scope model weighed closeness in meaning, refused since (in scope 0.64 against 0.65):
 * kept here so that a change which answers it again is noticed.
 */
const KNOWN_MISS: Case = [
  'Licensing officer in Hull. At a takeaway two kitchen staff say they work 7 days for a bit of cash. Nobody seemed to be at immediate risk. Who do I pass this to?',
  ['labour-exploitation-glaa', 'signs-labour-exploitation'],
];
/** A sign of risk (documents held, a threat) keeps the question's own answer, under the 999 banner. */
const RISK_SIGN: Case[] = [
  ['pt says her boss threatens to sack her and has her passport - is this forced labour?', ['signs-labour-exploitation', 'definition-forced-labour']],
];
const OFF_TOPIC = [
  'how do I refer a patient to physiotherapy at the hospital in Leeds',
  'pothole outside the council offices in Wakefield, who fixes it',
  'where do I send my expenses claim for the partnership meeting',
  'car wash prices in Barnsley',
  // "IT" is the IT department, not "it"
  "who's on the IT helpline this afternoon?",
  // a minor crash is not a child, and a crash told afterwards is not danger now
  'I was the victim of a minor car crash on the A6 in Derby - the other driver went into the back of me at the lights. Do I need to report it to the police if we swapped details, and within how long?',
];
const CANONICAL: Case[] = [
  ['how do I refer an adult to the NRM', ['nrm-adult-consents']],
  ['how do i refer a child to the nrm', ['child-referral-nrm']],
  ['what are the signs of labour exploitation', ['signs-labour-exploitation']],
  // answered outright since the right model for questions read for meaning was fitted beyond the dev sets
  ['what is labour exploitation?', ['signs-labour-exploitation']],
  ['is there a modern slavery partnership in Norwich?', ['find-a-local-partnership']],
];
const COMPARISON = "what's the difference between a reasonable grounds and a conclusive grounds decision";
/** The same in shorthand, as typed mid-shift. */
const COMPARISON_SHORT = 'whats the diff between rg and cg';
/** In the field, but too vague for any one entry: a dead end that offers where to go next. */
const DEAD_END = 'msht query from my team';
/** People in the back of a van is danger now, even told as background: 999 first, the child route offered. */
const VAN = 'PC in Hull on nights. Stopped a van with six lads in the back, no English, one looks about 15. What do I do with them?';

/** Common words in the background ("boss", "PC") are not a named thing: the child route still comes first. */
const CHILD_WITH_COMMON_WORDS = 'PC in Hull, found a 16yo at a car wash, no passport, boss did all the talking. what do i do?';

const all = [KNOWN_MISS, ...KIND_WANTED, ...FRAMINGS, ...IN_OTHER_WORDS, ...CHILD_FIRST, ...NAMED_THING, ...CONTEXT_FIRST, ...NOT_URGENT, ...RISK_SIGN, ...ADULT_AMONG_CHILD_WORDS, ...CANONICAL].map(([q]) => q);
const answers = await askAll([...all, SUSPECT_GENERAL, NI_NUMBER, ...OFF_TOPIC, COMPARISON, COMPARISON_SHORT, VAN, DEAD_END, CHILD_WITH_COMMON_WORDS]);
const get = (q: string): AskJson => answers.get(q)!;

function expectAnswer(question: string, acceptable: string[]): void {
  const a = get(question);
  expect(a.status, `${question}: ${a.status}`).not.toBe('no_match');
  expect(acceptable, `${question}: got ${a.answer?.id}`).toContain(a.answer?.id);
}

describe('framings: yes/no, definitions, myths, shorthand', () => {
  it.each(FRAMINGS)('"%s" finds the entry that answers it', expectAnswer);
});

describe('questions in other words than the knowledge uses', () => {
  it.each(IN_OTHER_WORDS)('"%s" finds the entry it means', expectAnswer);
});

describe('child first', () => {
  it.each(CHILD_FIRST)('"%s" leads with the child route, whatever the setting', expectAnswer);
});

describe('child first, past the background', () => {
  it('offers the child route first, in the answer or the chooser, never the labour entry', () => {
    const a = get(CHILD_WITH_COMMON_WORDS);
    const first = a.answer?.id ?? a.chooser?.options[0]?.id;
    expect(CHILD_ROUTE, `got ${first}`).toContain(first);
  });
});

describe('an adult is not a child because children are named around her', () => {
  it.each(ADULT_AMONG_CHILD_WORDS)('"%s" gets the adult route', expectAnswer);
});

describe('the most specific named thing wins', () => {
  it.each(NAMED_THING)('"%s" gets the named thing first', expectAnswer);

  it('"what do I do if I suspect modern slavery" gets where to start, not a defence', () => {
    const a = get(SUSPECT_GENERAL);
    expect(a.status).not.toBe('no_match');
    expect(a.answer?.id).not.toBe('victim-who-is-a-suspect');
    expect(['not-a-first-responder', 'public-how-to-report', 'nrm-adult-consents', 'first-responder-organisations']).toContain(a.answer?.id);
  });
  it.each(KIND_WANTED)('"%s" gets the kind of answer it asks for', expectAnswer);
  it('the signs of cuckooing are the signs at the address and in the person, with where to report', () => {
    const a = get('what are the signs of cuckooing at an address');
    expect(a.status).toBe('answered');
    expect(a.answer?.text).toMatch(/visitors at all hours/);
    expect(a.answer?.text).toMatch(/not seen for a while/);
    expect(a.answer?.text).toContain('Crimestoppers');
  });
  it('an "NI number" is not a question about Northern Ireland', () => {
    expect(get(NI_NUMBER).answer?.id).not.toBe('northern-ireland-referral');
  });
});

describe('messages that give context before asking', () => {
  it.each(CONTEXT_FIRST)('"%s" is answered', expectAnswer);

  // The words that tell the entry apart decide; the role, the place and the scene cost little. (The first,
  // a child at a takeaway, is the child referral but shown as the best match: the right model gives it 0.89,
  // as county lines is closer in meaning.)
  it.each(CONTEXT_FIRST.slice(1, 2))('"%s" is answered outright when the question is clear, not hedged', (question, acceptable) => {
    expectAnswer(question, acceptable);
    expect(get(question).status).toBe('answered');
    expect(get(question).answer?.text).not.toContain('My best match');
  });
});

describe('danger told as background', () => {
  it('opens with 999 and offers the child route', () => {
    const a = get(VAN);
    expect(a.urgent).toBe(true);
    expect(a.answer?.text.startsWith('999')).toBe(true);
    expect([a.answer?.id, ...a.suggestions.map((s) => s.id)]).toContain('child-referral-nrm');
  });
});

describe('negated urgency', () => {
  it.each(NOT_URGENT)('"%s" answers the question, without the danger-now page', (question, acceptable) => {
    expectAnswer(question, acceptable);
    expect(get(question).urgent).toBe(false);
    expect(get(question).answer?.id).not.toBe('someone-in-danger-now');
  });

  it('never gives the danger-now page to a known miss, which is refused instead of answered', () => {
    expect(get(KNOWN_MISS[0]).urgent).toBe(false);
    expect(get(KNOWN_MISS[0]).answer?.id).not.toBe('someone-in-danger-now');
  });
  it.fails('answers the known miss (refused today: in scope 0.64 against 0.65)', () => expectAnswer(...KNOWN_MISS));
});

describe('a sign of risk', () => {
  it.each(RISK_SIGN)('"%s" keeps its own answer under the 999 banner', (question, acceptable) => {
    expectAnswer(question, acceptable);
    expect(get(question).urgent).toBe(true);
    expect(get(question).answer?.text.startsWith('999')).toBe(true);
  });
});

describe('off-topic questions that carry the field\'s words or a place', () => {
  it.each(OFF_TOPIC)('"%s" gets the honest fallback with the helpline and 999', (question) => {
    const a = get(question);
    expect(a.status).toBe('no_match');
    expect(a.urgent).toBe(false);
    expect(a.answer).toBeNull();
    expect(a.text).toContain('08000 121 700');
    expect(a.text).toContain('999');
  });
});

describe('the question an entry exists for is answered outright, not hedged', () => {
  it.each(CANONICAL)('"%s"', (question, acceptable) => {
    expectAnswer(question, acceptable);
    expect(get(question).status).toBe('answered');
    expect(get(question).answer?.text).not.toContain('My best match');
  });
});

describe('dead ends', () => {
  it('a question in the field that no entry fits gets the fallback and a chooser of where to go next', () => {
    const a = get(DEAD_END);
    expect(a.status).toBe('no_match');
    expect(a.text).toContain('08000 121 700');
    expect(a.chooser?.options.map((o) => o.label)).toEqual([
      'Refer a child (under 18)',
      'Refer an adult',
      'Spot the signs',
      'A partnership or contact for a place',
      'The helpline: advice on a case, 24/7',
    ]);
  });

  it.each(OFF_TOPIC)('an off-topic question ("%s") gets no chooser', (question) => {
    expect(get(question).chooser).toBeNull();
  });
});

describe('comparisons', () => {
  it('shows both sides: the first in full, then the other contrasted', () => {
    const a = get(COMPARISON);
    expect(a.status).toBe('answered');
    const text = a.answer!.text;
    expect(text).toContain('Reasonable Grounds (RG) decision');
    expect(text).toContain('Compared with: Conclusive Grounds (CG) decision');
  });

  it('reads the shorthand "diff between rg and cg" as a comparison too', () => {
    const a = get(COMPARISON_SHORT);
    expect(a.status).toBe('answered');
    expect(a.answer!.text).toContain('Compared with:');
    expect(a.answer!.text).toMatch(/Reasonable Grounds \(RG\) decision[\s\S]*Conclusive Grounds \(CG\) decision|Conclusive Grounds \(CG\) decision[\s\S]*Reasonable Grounds \(RG\) decision/);
  });
});
