import { describe, expect, it } from 'vitest';
import { createGuide } from '../../src/answer/guide.ts';
import { answerToText } from '../../src/answer/text.ts';
import { answerToJson } from '../../src/answer/json.ts';
import { sampleEntries, sampleKnowledge } from './sample-kb.ts';
import { coverageLine } from '../../src/answer/build.ts';
import type { Entry } from '../../src/knowledge/schema.ts';

const guide = createGuide(sampleKnowledge());

describe('guide', () => {
  it('answers a typo-ridden question with the right entry', () => {
    const answer = guide.ask('refer a kid to nrm');
    expect(answer.status).not.toBe('no_match');
    expect(answer.entry?.id).toBe('child-referral-nrm');
    expect(answer.urgent).toBe(false);
  });

  it('corrects misspellings against the knowledge words', () => {
    const answer = guide.ask('salvation army referal line');
    expect(answer.entry?.id).toBe('salvation-army-victim-care');
    expect(answerToText(answer)).toContain('0800 808 3733');
  });

  it('finds a partnership from a town named in its areas', () => {
    expect(guide.ask('partnership huddersfield').entry?.id).toBe('west-yorkshire-anti-slavery-partnership');
  });

  it('expands synonyms both ways', () => {
    expect(guide.ask('national referral mechanism for an adult').entry?.id).toBe('nrm-adult-consents');
    expect(guide.ask('duty to notify').entry?.id).toBe('duty-to-notify-adult-no-consent');
  });

  it('refuses an off-topic question with the helpline and 999', () => {
    const answer = guide.ask('book a meeting room');
    expect(answer.status).toBe('no_match');
    expect(answer.entry).toBeNull();
    const text = answerToText(answer);
    expect(text).toContain('08000 121 700');
    expect(text).toContain('999');
  });

  it('flags danger now and opens with 999, never without an answer', () => {
    const answer = guide.ask("he can't leave the farm, they've got his passport");
    expect(answer.urgent).toBe(true);
    expect(answer.entry).not.toBeNull();
    const text = answerToText(answer);
    expect(text.startsWith('999')).toBe(true);
    expect(text).toContain('textphone 18000');
  });

  it('gives the danger-now guidance when an urgent question matches nothing else', () => {
    const answer = guide.ask('my neighbour is being beaten up');
    expect(answer.urgent).toBe(true);
    expect(answer.entry?.id).toBe('someone-in-danger-now');
    expect(answerToText(answer).startsWith('999')).toBe(true);
  });

  it('falls back to built-in danger guidance when the knowledge has no urgent entry', () => {
    const entries = sampleEntries.filter((e) => !e.urgent);
    const answer = createGuide(sampleKnowledge(entries)).ask('someone is being held against their will');
    expect(answer.urgent).toBe(true);
    expect(answer.entry?.title).toBe('Someone is in danger now');
    expect(answerToText(answer).startsWith('999')).toBe(true);
  });

  it('answers one entry by id, with follow-ups from related', () => {
    const answer = guide.answerEntry('nrm-adult-consents');
    expect(answer?.status).toBe('answered');
    expect(answer?.followUps.map((f) => f.id)).toEqual(['child-referral-nrm', 'duty-to-notify-adult-no-consent']);
    expect(guide.answerEntry('no-such-entry')).toBeUndefined();
  });

  it('builds the index once per knowledge base', () => {
    const kb = sampleKnowledge();
    expect(createGuide(kb)).toBe(createGuide(kb));
  });
});

describe('answerToText', () => {
  it('renders title, summary, numbered steps, contacts, related and source', () => {
    const text = answerToText(guide.answerEntry('nrm-adult-consents')!);
    expect(text).toContain('Refer an adult who consents to the NRM');
    expect(text).toContain('1. Explain the NRM and get informed consent.');
    expect(text).toContain('2. Complete the online referral form.');
    expect(text).toContain('Modern Slavery & Exploitation Helpline');
    expect(text).toContain('Helpline: 08000 121 700 (24/7)');
    expect(text).toContain('Related:\n- Refer a child (under 18)');
    expect(text).toContain('Source: Test source. Reviewed 2026-11-23.');
    expect(text).not.toContain('\x1b[');
  });

  it('colours only when asked', () => {
    expect(answerToText(guide.answerEntry('someone-in-danger-now')!, { color: true })).toContain('\x1b[');
  });

  it('shows numbered "did you mean" choices for an ambiguous answer', () => {
    const answer = guide.ask('referral');
    expect(answer.status).toBe('ambiguous');
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.length).toBeLessThanOrEqual(3);
    const text = answerToText(answer);
    expect(text).toContain('My best match');
    expect(text).toMatch(/Did you mean:\n1\. /);
  });
});

describe('an entry past its review date', () => {
  // The salvation army entry is due on 2027-02-23; judged the day after, it is out of date.
  const dated = sampleEntries.map((e) =>
    e.id === 'salvation-army-victim-care' ? { ...e, source: ['The Salvation Army, Supporting survivors', 'Second source'], review_by: '2027-02-23' } : e,
  );
  const guide = createGuide(sampleKnowledge(dated));
  const line = '⚠ May be out of date: last checked 2026-11-23 — check The Salvation Army, Supporting survivors';

  it('is still answered, and the text says it may be out of date, under the title', () => {
    const answer = guide.ask('salvation army referral line', new Date('2027-02-24T09:00:00Z'));
    expect(answer.entry?.id).toBe('salvation-army-victim-care');
    expect(answer.outOfDate).toEqual({ lastChecked: '2026-11-23', reviewBy: '2027-02-23', check: 'The Salvation Army, Supporting survivors' });
    const text = answerToText(answer);
    expect(text).toContain(line);
    expect(text.indexOf(line)).toBeGreaterThan(text.indexOf(answer.entry!.summary));
    expect(text).toContain('0800 808 3733');
  });

  it('says nothing on or before its review date', () => {
    const answer = guide.ask('salvation army referral line', new Date('2027-02-23T23:00:00Z'));
    expect(answer.outOfDate).toBeUndefined();
    expect(answerToText(answer)).not.toContain('May be out of date');
  });

  it('carries the notice in ask --json: in the text and as out_of_date', () => {
    const json = answerToJson(guide.ask('salvation army referral line', new Date('2027-03-01T12:00:00Z')));
    expect(json.answer?.out_of_date).toEqual({ last_checked: '2026-11-23', review_by: '2027-02-23', check: 'The Salvation Army, Supporting survivors' });
    expect(json.answer?.text).toContain(line);
    const current = answerToJson(guide.ask('salvation army referral line', new Date('2027-01-01T12:00:00Z')));
    expect(current.answer?.out_of_date).toBeNull();
  });

  it('also shows on an entry opened by id (a "did you mean" or related click)', () => {
    expect(answerToText(guide.answerEntry('salvation-army-victim-care', new Date('2027-03-01T12:00:00Z'))!)).toContain(line);
  });

  it('lists several sources one per line under the answer', () => {
    const text = answerToText(guide.answerEntry('salvation-army-victim-care', new Date('2027-01-01T12:00:00Z'))!);
    expect(text).toContain('Sources:\n- The Salvation Army, Supporting survivors\n- Second source\nReviewed 2026-11-23.');
  });
});

describe('a partnership asked for by place', () => {
  const partnership = sampleEntries.find((e) => e.id === 'west-yorkshire-anti-slavery-partnership')! as Entry;
  const noPartnership: Entry = { ...partnership, id: 'find-a-local-partnership', areas: ['Newcastle', 'Norwich'], areas_have_no_partnership: true };

  it('says first which of the places asked about it covers', () => {
    expect(coverageLine(partnership, 'who covers Huddersfield or Leeds?')).toBe('Covers Leeds and Huddersfield.');
    expect(answerToText(guide.ask('anti slavery partnership in huddersfield')).split('\n')[1]).toMatch(/^Covers Huddersfield\. The partnership/);
  });

  it('says nothing when the question names none of its places, or names a place only inside another word', () => {
    expect(coverageLine(partnership, 'anti slavery partnership in west yorkshire')).toBeUndefined();
    expect(coverageLine(partnership, 'who covers Leedsford')).toBeUndefined();
  });

  it('for the entry listing places with no partnership of their own, says none is listed', () => {
    expect(coverageLine(noPartnership, 'partnership for newcastle?')).toBe('No anti-slavery partnership of its own is listed for Newcastle.');
  });

  it('says nothing of a whole nation: Wales has partnerships, however the entry lists it', () => {
    expect(coverageLine({ ...noPartnership, areas: ['England', 'Wales', 'Newcastle'] }, 'find my local anti slavery partnership in wales')).toBeUndefined();
    expect(coverageLine({ ...partnership, areas: ['Wales', 'Cardiff'] }, 'who covers cardiff in wales')).toBe('Covers Cardiff.');
  });
});
