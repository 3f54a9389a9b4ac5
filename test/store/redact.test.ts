import { describe, expect, it } from 'vitest';
import { redact } from '../../src/store/redact.ts';

function cases(rows: [input: string, expected: string][]) {
  return rows.map(([input, expected]) => ({ input, expected }));
}

describe('redact', () => {
  describe('email addresses', () => {
    it.each(
      cases([
        ['contact jo.bloggs@example.com about her', 'contact [email] about her'],
        ['J.Smith+work@mail.example.co.uk', '[email]'],
        ['email: ANNA_K99@Example.ORG.', 'email: [email].'],
      ]),
    )('$input', ({ input, expected }) => expect(redact(input)).toBe(expected));
  });

  describe('UK phone numbers', () => {
    it.each(
      cases([
        ['his mobile is 07700 900123', 'his mobile is [phone]'],
        ['07700900123', '[phone]'],
        ['077 0090 0123', '[phone]'],
        ['+44 7700 900123', '[phone]'],
        ['+447700900123', '[phone]'],
        ['+44 (0)7700 900123', '[phone]'],
        ['0044 7700 900123', '[phone]'],
        ['ring (020) 7946 0958 today', 'ring [phone] today'],
        ['020 7946 0958', '[phone]'],
        ['020-7946-0958', '[phone]'],
        ['0161 496 0000', '[phone]'],
        ['01632 960123', '[phone]'],
        ['0800 808 3733', '[phone]'],
        ['08000 121 700', '[phone]'],
        ['07700.900.123', '[phone]'],
        ['call 07700 900123 or 07700 900456', 'call [phone] or [phone]'],
        ['(07700 900123)', '([phone])'],
        ['(0161) 496 0000', '[phone]'],
        ['+44(0)20 7946 0958', '[phone]'],
        ['+44-7700-900123', '[phone]'],
        ['tel:07700900123', 'tel:[phone]'],
        // Written without the leading 0 it is still a long digit run.
        ['7700 900123', '[number]'],
      ]),
    )('$input', ({ input, expected }) => expect(redact(input)).toBe(expected));
  });

  describe('National Insurance numbers', () => {
    it.each(
      cases([
        ['NI AB123456C', 'NI [NI number]'],
        ['her NI number is AB 12 34 56 C', 'her NI number is [NI number]'],
        ['ab123456c', '[NI number]'],
        ['QQ 123456 A', '[NI number]'],
        // Without its suffix letter it is still a six-digit run.
        ['AB123456', 'AB[number]'],
      ]),
    )('$input', ({ input, expected }) => expect(redact(input)).toBe(expected));
  });

  describe('postcodes', () => {
    it.each(
      cases([
        ['found at SW1A 1AA last night', 'found at [postcode] last night'],
        ['M1 1AE', '[postcode]'],
        ['B33 8TH', '[postcode]'],
        ['CR2 6XH', '[postcode]'],
        ['DN55 1PT', '[postcode]'],
        ['W1A 0AX', '[postcode]'],
        ['sw1a1aa', '[postcode]'],
        ['m1 1ae', '[postcode]'],
        ['B338TH', '[postcode]'],
        ['a car wash in LS1 4AP, Leeds', 'a car wash in [postcode], Leeds'],
      ]),
    )('$input', ({ input, expected }) => expect(redact(input)).toBe(expected));
  });

  describe('dates and dates of birth', () => {
    it.each(
      cases([
        ['DOB 12/03/1998', 'DOB [date]'],
        ['12-03-98', '[date]'],
        ['12.03.1998', '[date]'],
        ['1/3/1998', '[date]'],
        ['12 03 1998', '[date]'],
        ['born 3 March 1998', 'born [date]'],
        ['3rd of March, 1998', '[date]'],
        ['3 Mar 98', '[date]'],
        ['March 3, 1998', '[date]'],
        ['DOB 1998-03-12', 'DOB [date]'],
        ['date of birth: 1998/3/12', 'date of birth: [date]'],
        ['DOB: 12 March', 'DOB: [date]'],
        ['born on 3rd of March', 'born on [date]'],
        ['d.o.b. 12/3', 'd.o.b. [date]'],
        ['born March 1998', 'born [date]'],
        ['born in 1998', 'born in [date]'],
        ['DOB 1998', 'DOB [date]'],
        ['12th March 1998', '[date]'],
        ['Mar. 3rd, 1998', '[date]'],
        ['she arrived on 14/02/2024 with him', 'she arrived on [date] with him'],
      ]),
    )('$input', ({ input, expected }) => expect(redact(input)).toBe(expected));
  });

  describe('long digit runs', () => {
    it.each(
      cases([
        ['passport 123456789', 'passport [number]'],
        ['account 12345678', 'account [number]'],
        ['sort code 12-34-56', 'sort code [number]'],
        ['card 4111 1111 1111 1111', 'card [number]'],
        ['ref X12345678', 'ref X[number]'],
        ['crime ref 123456', 'crime ref [number]'],
      ]),
    )('$input', ({ input, expected }) => expect(redact(input)).toBe(expected));
  });

  describe('what must survive', () => {
    it.each([
      'section 45',
      'what is a section 45 defence',
      'MS1 form',
      'how do I fill in the MS1 form',
      'NRM',
      'NRM referral within 30 days',
      's52',
      's52 duty to notify',
      'Modern Slavery Act 2015',
      'in 2015 12 people were found',
      'figures for 2022-2023',
      'call 999 or 101',
      '24 hours',
      '45 days recovery period',
      'GLAA',
      'ICTG in Wales',
      'Anti-Slavery Day 18 October',
      'is a 16 year old a child',
      'born in the UK in 2015',
      'ring 101 or 999',
      'on 3/4 of cases',
      'DtN',
      '',
    ])('%j', (input) => expect(redact(input)).toBe(input));
  });

  it('redacts every kind in one question', () => {
    expect(
      redact('Maria (DOB 12/03/1998, NI AB123456C) at M1 1AE, call 07700 900123 or maria@example.com, passport 123456789'),
    ).toBe('Maria (DOB [date], NI [NI number]) at [postcode], call [phone] or [email], passport [number]');
  });

  it('stays fast on long hostile input (no pattern rescans a run once per character)', () => {
    const hostile = ['a', '0', 'a.', '1.', '12-', '+44 '].map((unit) => unit.repeat(50_000 / unit.length)).join(' ');
    const started = performance.now();
    redact(hostile);
    // Linear patterns take a few milliseconds here; a quadratic one took seconds.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('is idempotent', () => {
    const once = redact('07700 900123, SW1A 1AA, AB123456C, 3 March 1998, a@b.co, 123456789');
    expect(redact(once)).toBe(once);
  });
});
