import { describe, expect, it } from 'vitest';
import { createGuide } from '../../src/answer/guide.ts';
import { isUrgent, urgencyOf } from '../../src/search/urgency.ts';
import { answerToText } from '../../src/answer/text.ts';
import { sampleKnowledge } from '../answer/sample-kb.ts';

const guide = createGuide(sampleKnowledge());

describe('danger now', () => {
  it.each([
    'she is in danger',
    'man being threatened outside the shop',
    "he can't leave the house",
    'they wont let her go',
    'worker being hurt by the boss',
    'girl locked in a flat',
    'held against his will',
    'theyve taken his passport and he cant get away',
    'boss has a knife',
    'they said theyd hurt her kids if she tries to leave',
    'traffickers on their way to collect him',
    'imediate danger',
    'hes threatend to burn the house down',
  ])('flags "%s" and opens with 999', (question) => {
    const answer = guide.ask(question);
    expect(answer.urgent).toBe(true);
    expect(answer.entry).not.toBeNull();
    expect(answerToText(answer).startsWith('999')).toBe(true);
  });

  it.each(['signs of labour exploitation', 'how do i refer a child to the nrm', 'what is the helpline number', 'emergency accommodation through the referral'])(
    'does not flag "%s"',
    (question) => {
      // The phrasing says no danger now; only showing the danger-now entry itself brings its 999 banner.
      const answer = guide.ask(question);
      expect(isUrgent(question)).toBe(false);
      expect(answer.urgent).toBe(answer.entry?.id === 'someone-in-danger-now');
    },
  );
});

describe('alarming words that are not danger now', () => {
  it.each([
    // figures of speech and kinds of exploitation
    ['msht partnership mtgs dying off - how do others keep people turning up?', 'none'],
    ['what are the warning signs of forced begging and shoplifting for others', 'none'],
    // paying for travel or for work is a sign to ask about, not a person bought
    ['an older man paid for her train ticket to leeds, is that trafficking', 'none'],
    ['older lads are paying them to carry packages to southampton', 'none'],
    ['her employer pays her almost nothing for cleaning offices', 'none'],
    ['nrm for 20yo who said yes - do i ask for emergency accom on the form', 'none'],
    // "here" is where he was brought, not where the boss is
    ['17yo in a takeaway kitchen says he owes the boss for his journey here. does the NRM need his consent??', 'none'],
    // danger told as over
    ['last month a man paid for her and put her to work in a flat. she is back home now and safe. is that trafficking in law?', 'past'],
    ['earlier this year two teenagers said they were threatened by older lads, who runs the prevention subgroup', 'past'],
    // a myth about what counts, not a person in danger
    ["it's only forced labour if the person is physically locked up", 'past'],
    ["it isn't trafficking unless they're locked in somewhere", 'past'],
  ])('reads "%s" as %s', (question, level) => {
    expect(urgencyOf(question)).toBe(level);
  });

  it('hears danger now in a message that says "IT" or "minor" in passing', () => {
    expect(urgencyOf('the girl we placed keeps texting that she is going to END IT')).toBe('now');
    expect(urgencyOf('he says he will sell IT tonight')).toBe('now');
  });

  it('still hears the exploiter at hand, wherever "here" is said', () => {
    expect(urgencyOf('the boss is here now and wont let her leave')).toBe('now');
    expect(urgencyOf('boss paid for her to come here and now the boss is here at the door')).toBe('now');
    expect(urgencyOf('the pimp said he will come here tonight to take her back')).toBe('now');
  });

  it('still hears a person paid for or sold', () => {
    expect(urgencyOf('he paid for her and now she works for him')).toBe('now');
    expect(urgencyOf('they are selling her to another man tonight')).toBe('now');
    expect(urgencyOf("he's locked in right now - is it only trafficking if he was moved?")).toBe('now');
  });
});

describe('off-topic questions', () => {
  it.each(['canteen menu', 'printer jammed again', 'train times to leeds', 'how do i renew my tv licence', 'how much is a car wash near me'])(
    'refuses "%s" with the helpline and 999',
    (question) => {
      const answer = guide.ask(question);
      expect(answer.status).toBe('no_match');
      const text = answerToText(answer);
      expect(text).toContain('08000 121 700');
      expect(text).toContain('999');
    },
  );
});

describe('what people type', () => {
  it.each([
    ['REFER A KID TO THE NRM!!!', 'child-referral-nrm'],
    ["what if the adult doesn't consent", 'duty-to-notify-adult-no-consent'],
    ['dtn', 'duty-to-notify-adult-no-consent'],
    ['15yo referral', 'child-referral-nrm'],
    ['signs of labor exploitation', 'signs-labour-exploitation'],
    ['salvaton army', 'salvation-army-victim-care'],
    ['leeds', 'west-yorkshire-anti-slavery-partnership'],
  ])('"%s" finds %s', (question, id) => {
    expect(guide.ask(question).entry?.id).toBe(id);
  });
});

describe('odd input', () => {
  it('refuses an empty question with the safe fallback', () => {
    const answer = guide.ask('   ');
    expect(answer.status).toBe('no_match');
    expect(answerToText(answer)).toContain('999');
  });

  it('answers a pasted wall of text quickly', () => {
    const wall = 'refer a kid to the nrm '.repeat(5_000);
    const started = performance.now();
    const answer = guide.ask(wall);
    expect(performance.now() - started).toBeLessThan(500);
    expect(answer.entry?.id).toBe('child-referral-nrm');
  });
});
