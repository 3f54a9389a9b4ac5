// The knowledge the bot ships with: the safety rules an admin's edit must never break, checked on the real files.
import { describe, expect, it } from 'vitest';
import { detailKey, findDetails, type DetailKind } from '../../src/knowledge/contact-details.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import type { Entry } from '../../src/knowledge/schema.ts';

const NOW = new Date('2026-11-23T12:00:00Z');

function shipped(): KnowledgeBase {
  const { kb, problems } = loadKnowledge('knowledge', { now: NOW });
  expect(problems.filter((p) => p.severity !== 'notice')).toEqual([]);
  if (!kb) throw new Error('shipped knowledge does not load');
  return kb;
}

/** Every piece of text in a value, however deeply nested. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

const kb = shipped();
const sourced = new Set(kb.sources.map((s) => `${s.kind}:${detailKey(s.kind, s.value)}`));
const isSourced = (kind: DetailKind, text: string) => sourced.has(`${kind}:${detailKey(kind, text)}`);

describe('shipped knowledge', () => {
  it('loads with no errors or warnings and has at least 90 entries', () => {
    expect(kb.entries.length).toBeGreaterThanOrEqual(90);
  });

  it('every entry has at least 5 questions, a source and a reviewed date', () => {
    const short = kb.entries.filter((e) => e.questions.length < 5).map((e) => `${e.id} (${e.questions.length})`);
    expect(short).toEqual([]);
    for (const entry of kb.entries) {
      const sources = Array.isArray(entry.source) ? entry.source : [entry.source];
      expect(sources.every((s) => s.trim().length > 0), entry.id).toBe(true);
      expect(entry.reviewed, entry.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('every contact detail in the knowledge text is in sources.yaml', () => {
    const missing: string[] = [];
    const check = (where: string, kind: DetailKind, text: string) => {
      if (!isSourced(kind, text)) missing.push(`${where}: ${kind} ${text}`);
    };
    for (const entry of kb.entries) {
      for (const text of texts(entry)) for (const d of findDetails(text)) check(entry.id, d.kind, d.text);
      for (const phone of entry.phones ?? []) check(entry.id, 'phone', phone.number);
      for (const email of entry.emails ?? []) check(entry.id, 'email', email.address);
      for (const link of entry.links ?? []) check(entry.id, 'url', link.url);
    }
    for (const reminder of kb.reminders) {
      for (const d of findDetails(`${reminder.title}\n${reminder.message}`)) check(`reminder ${reminder.id}`, d.kind, d.text);
    }
    expect(missing).toEqual([]);
  });

  it('the short emergency and police numbers it gives are sourced too', () => {
    const all = kb.entries.flatMap((e) => texts(e)).join('\n');
    for (const number of ['999', '101', '18000', '18001 101']) {
      expect(all).toContain(number);
      expect(isSourced('phone', number), number).toBe(true);
    }
  });

  it('never offers a number the sources mark wrong or out of date as one to call', () => {
    const retired = kb.sources.filter((s) => /\b(WRONG|OUT OF DATE)\b/.test(s.note ?? '')).map((s) => detailKey('phone', s.value));
    expect(retired.length).toBeGreaterThan(0);
    const offered = kb.entries.flatMap((e) => (e.phones ?? []).map((p) => ({ id: e.id, key: detailKey('phone', p.number) })));
    expect(offered.filter((o) => retired.includes(o.key))).toEqual([]);
    const mentioning = kb.entries.filter((e) => findDetails(texts(e).join('\n')).some((d) => retired.includes(d.key)));
    for (const entry of mentioning) {
      expect(texts(entry).join(' '), entry.id).toMatch(/do not (give|use)|replaced|out of date|wrong/i);
    }
    // Someone copying digits on a phone must never see a wrong number beside the right one: retired numbers
    // live in one warning entry that gives no phones of its own, and nowhere else (not in reminders either).
    expect(mentioning.map((e) => e.id)).toEqual(['numbers-not-to-give']);
    expect(mentioning.every((e) => !e.phones?.length && !e.urgent)).toBe(true);
    const reminding = kb.reminders.filter((r) => findDetails(`${r.title}\n${r.message}`).some((d) => retired.includes(d.key)));
    expect(reminding.map((r) => r.id)).toEqual([]);
  });

  it('every id an entry or reminder points at exists, and `contacts` point at contact entries', () => {
    const dangling: string[] = [];
    for (const entry of kb.entries) {
      for (const id of entry.related ?? []) if (!kb.byId.has(id)) dangling.push(`${entry.id} related ${id}`);
      for (const id of entry.contacts ?? []) {
        if (kb.byId.get(id)?.kind !== 'contact') dangling.push(`${entry.id} contacts ${id}`);
      }
    }
    for (const reminder of kb.reminders) {
      if (reminder.entry && !kb.byId.has(reminder.entry)) dangling.push(`reminder ${reminder.id} entry ${reminder.entry}`);
    }
    expect(dangling).toEqual([]);
  });

  it('anything urgent leads with 999', () => {
    const urgent = kb.entries.filter((e) => e.urgent);
    expect(urgent.map((e) => e.id)).toContain('someone-in-danger-now');
    for (const entry of urgent) {
      expect(entry.summary.split('.')[0], entry.id).toContain('999');
      if (entry.steps) expect(entry.steps[0], entry.id).toContain('999');
    }
  });

  it('every referral about a potential victim tells the reader to call 999 in immediate danger', () => {
    const referrals = kb.entries.filter((e) => e.kind === 'referral' && e.id !== 'nrm-reconsideration');
    for (const entry of referrals) expect(texts(entry.steps).join(' '), entry.id).toContain('999');
  });

  it('facts that change carry review_by: every entry that gives a phone number or email', () => {
    const undated = kb.entries.filter((e) => (e.phones?.length || e.emails?.length) && !e.review_by).map((e) => e.id);
    expect(undated).toEqual([]);
  });

  it('every contact says how to reach it, and every partnership lists the places it covers', () => {
    const contacts = kb.entries.filter((e): e is Entry => e.kind === 'contact');
    for (const entry of contacts) {
      expect(Boolean(entry.phones || entry.emails || entry.links || entry.how_to_contact), entry.id).toBe(true);
      expect(entry.areas?.length ?? 0, entry.id).toBeGreaterThan(0);
    }
  });

  it('has an entry for every partnership and national body in the sources', () => {
    const required = [
      'someone-in-danger-now', 'nrm-adult-consents', 'duty-to-notify-adult-no-consent', 'child-referral-nrm',
      'scotland-referral', 'northern-ireland-referral', 'victim-who-is-a-suspect', 'labour-exploitation-glaa',
      'public-how-to-report', 'what-to-record-and-hand-over', 'reasonable-grounds-decision', 'conclusive-grounds-decision',
      'recovery-period', 'salvation-army-victim-care',
      'bedfordshire-against-modern-slavery', 'cheshire-anti-slavery-network', 'croydon-community-against-trafficking',
      'derby-derbyshire-partnership', 'east-midlands-anti-human-trafficking-partnership', 'hampshire-iow-partnership',
      'south-east-anti-slavery-partnership', 'tri-borough-network', 'west-midlands-anti-slavery-network',
      'west-yorkshire-anti-slavery-partnership', 'welsh-anti-trafficking-network', 'wales-cardiff-and-vale-forum',
      'wales-dyfed-powys-forum', 'wales-gwent-forum', 'wales-north-wales-forum', 'wales-western-bay-forum',
      'kent-essex-partnership', 'merseyside-partnership', 'greater-manchester-modern-slavery-unit', 'hertfordshire-partnership',
      'iasc-office', 'human-trafficking-foundation', 'national-network-coordinators-forum', 'modern-slavery-helpline',
      'glaa', 'nca-mshtu', 'npcc-msoic-unit', 'rights-lab', 'crimestoppers', 'nspcc-ctac',
      'setting-up-a-partnership', 'partnership-vs-integration', 'what-a-pcc-can-do', 'priority-3-plan',
      'priority-3-indicators', 'survivor-care-standards', 'modern-slavery-act-key-sections', 'awareness-days',
    ];
    expect(required.filter((id) => !kb.byId.has(id))).toEqual([]);
  });

  it('places people type find the partnership that covers them', () => {
    const covering = (place: string) =>
      kb.entries.filter((e) => e.areas?.some((a) => a.toLowerCase() === place.toLowerCase())).map((e) => e.id);
    expect(covering('Huddersfield')).toContain('west-yorkshire-anti-slavery-partnership');
    expect(covering('Newport')).toContain('wales-gwent-forum');
    expect(covering('Luton')).toContain('bedfordshire-against-modern-slavery');
    expect(covering('Salford')).toContain('greater-manchester-modern-slavery-unit');
    expect(covering('Hull')).toEqual(['humber-modern-slavery-partnership']);
    expect(covering('Watford')).toContain('hertfordshire-partnership');
    expect(covering('Birmingham')).toContain('west-midlands-anti-slavery-network');
    expect(kb.synonyms.some((g) => g.includes('brum') && g.includes('birmingham'))).toBe(true);
  });

  it('a place with no listed partnership finds how to find one, never a made-up partnership', () => {
    for (const place of ['Newcastle', 'Norwich', 'Cornwall']) {
      const covering = kb.entries.filter((e) => e.areas?.some((a) => a.toLowerCase() === place.toLowerCase())).map((e) => e.id);
      expect(covering, place).toEqual(['find-a-local-partnership']);
    }
  });

  it('the NRM and Duty to Notify entries link to where the online form is reached', () => {
    const form = 'https://www.gov.uk/guidance/report-modern-slavery-as-a-first-responder';
    for (const id of ['nrm-adult-consents', 'child-referral-nrm', 'duty-to-notify-adult-no-consent']) {
      expect(kb.byId.get(id)?.links?.map((l) => l.url), id).toContain(form);
    }
  });

  it('synonym groups cover the shorthand practitioners use', () => {
    const terms = new Set(kb.synonyms.flat().map((t) => t.toLowerCase()));
    for (const term of ['nrm', 'dtn', 'ms1', 'sca', 'rg', 'cg', 'ictg', 'glaa', 'nca', 'pcc', 'iasc', 'stpo', 'stro', 'msht', 'county lines', 'cse', 'fmu', 'msoic', 'mash', 'ieca']) {
      expect(terms.has(term), term).toBe(true);
    }
  });
});

describe('what users read under an answer', () => {
  it('names public documents, never an internal note ("seed 002", "[S]", "Knowledge brief §4")', async () => {
    const { createGuide } = await import('../../src/answer/guide.ts');
    const { answerToText } = await import('../../src/answer/text.ts');
    const guide = createGuide(kb);
    const internal = /\bseeds?\s*0*\d{1,3}\b|\[(?:S|V|U)\]|knowledge[\s-]*brief|§/i;
    const leaks = kb.entries
      .map((e) => ({ id: e.id, text: answerToText(guide.answerEntry(e.id, NOW)!) }))
      .filter(({ text }) => internal.test(text))
      .map(({ id, text }) => `${id}: ${internal.exec(text)![0]}`);
    expect(leaks).toEqual([]);
  });

  it('every source reads like a citation: a web address, a statute or a named publication', () => {
    const vague = kb.entries.flatMap((e) =>
      (Array.isArray(e.source) ? e.source : [e.source]).filter((s) => !/https?:\/\/|Act \d{4}|\(|,/.test(s)).map((s) => `${e.id}: ${s}`),
    );
    expect(vague).toEqual([]);
  });
});
