import { describe, expect, it } from 'vitest';
import { spelledOut, terms, words, writtenOut } from '../../src/search/normalize.ts';

describe('text-speak is written out', () => {
  it.each([
    ['thru', 'through'],
    ['tho', 'though'],
    ['pls', 'please'],
    ['plz', 'please'],
    ['u', 'you'],
    ['ur', 'your'],
    ['wot', 'what'],
    ['wen', 'when'],
    ['shud', 'should'],
    ['cud', 'could'],
    ['n', 'and'],
  ])('"%s" → "%s"', (short, full) => {
    expect(words(short)).toEqual([full]);
    expect(spelledOut(`wont let ${short} out`)).toBe(`wont let ${full} out`);
  });

  it('shorthand carries no search terms, like the words it stands for', () => {
    expect(terms('can u walk me thru the nrm pls tho')).toEqual(terms('can you walk me through the nrm please though'));
  });

  it("writes out practitioners' shorthand for the search, one word or several", () => {
    expect(words("p'ship mtg re s54 stmt")).toEqual(['partnership', 'meeting', 're', 's54', 'statement']);
    expect(words('pvs need emergency accom')).toEqual(['potential', 'victims', 'need', 'emergency', 'accommodation']);
    expect(words('new p-ship, or join the p/ships next door?')).toEqual(['new', 'partnership', 'or', 'join', 'the', 'partnerships', 'next', 'door']);
  });

  it('a numbered part ("Priority 3.3") keeps one word for its pair of numbers; times and other decimals stay as they were', () => {
    expect(words('what does Priority 3.3 expect')).toEqual(['what', 'does', 'priority', '3', '3p3', 'expect']);
    expect(words('paragraph 4.2 of the guidance')).toEqual(['paragraph', '4', '4p2', 'of', 'the', 'guidance']);
    expect(words('picked up at 5.30am, paid 3.50 an hour')).toEqual(['picked', 'up', 'at', '5', '30am', 'paid', '3', '50', 'an', 'hour']);
  });

  it('"n" is "and", except in "N Ireland"; an "NI number" is National Insurance', () => {
    expect(words('email n phone for N. Ireland')).toEqual(['email', 'and', 'phone', 'for', 'northern', 'ireland']);
    expect(words('his NI number')).toEqual(['his', 'national', 'insurance', 'number']);
  });

  it('"IT" in capitals beside what the department is or does is the IT department, not the pronoun', () => {
    expect(words('whos on the IT helpline today')).toEqual(['whos', 'on', 'the', 'ict', 'helpline', 'today']);
    expect(words('ask IT')).toEqual(['ask', 'ict']);
    expect(words('is it forced labour')).toEqual(['is', 'it', 'forced', 'labour']);
    expect(words('IS IT FORCED LABOUR')).toEqual(['is', 'it', 'forced', 'labour']);
    // emphasis, not a department
    expect(words('she is going to END IT')).toEqual(['she', 'is', 'going', 'to', 'end', 'it']);
    expect(words("he will sell IT tonight, IT'S URGENT")).toEqual(['he', 'will', 'sell', 'it', 'tonight', 'its', 'urgent']);
  });

  it('"minor" right before a thing it describes means small, not someone under 18', () => {
    expect(words('a minor car crash, minor injuries')).toEqual(['a', 'small', 'car', 'crash', 'small', 'injuries']);
    expect(words('a minor found in the flat')).toEqual(['a', 'minor', 'found', 'in', 'the', 'flat']);
    // a sentence break, or a verb, after it: still a child
    expect(words('she is a minor. injuries to her arms')).toEqual(['she', 'is', 'a', 'minor', 'injuries', 'to', 'her', 'arms']);
    expect(words('the minor works nights')).toEqual(['the', 'minor', 'works', 'nights']);
  });

  it('writes shorthand out in place for a reader of English, keeping case and punctuation', () => {
    expect(writtenOut("wot shud i do? PC here, p'ship mtg re pvs")).toBe('what should i do? PC here, partnership meeting re potential victims');
    expect(writtenOut('what shud a new p-ship include, or join the p/ships next door?')).toBe('what should a new partnership include, or join the partnerships next door?');
    expect(writtenOut('email n phone for N. Ireland, U there?')).toBe('email and phone for N. Ireland, you there?');
    expect(writtenOut('Is it labor exploitation?')).toBe('Is it labour exploitation?');
    // acronyms and initials are not shorthand: HSE is the Health and Safety Executive
    expect(writtenOut('HSE visit, Mr N Smith, COs')).toBe('HSE visit, Mr N Smith, COs');
  });

  it('leaves numbers as numbers: "2" and "4" are ages and times before they are "to" and "for"', () => {
    expect(words('who 2 ask about the 4 lads')).toEqual(['who', '2', 'ask', 'about', 'the', '4', 'lads']);
  });

  it('spelledOut keeps negative contractions as typed', () => {
    expect(spelledOut("They won't let u OUT!")).toBe('they wont let you out');
  });
});
