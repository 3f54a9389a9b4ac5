// A small knowledge base built in code, so search and answer tests do not depend on the shipped YAML.
import { Entry } from '../../src/knowledge/schema.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const common = { source: 'Test source', reviewed: '2026-11-23' };

export const sampleEntries = [
  {
    id: 'someone-in-danger-now',
    kind: 'referral',
    title: 'Someone is in danger now',
    summary: 'Call 999 first if anyone is in immediate danger.',
    questions: ['someone is in danger right now', 'what do I do in an emergency'],
    keywords: ['danger', 'emergency', '999'],
    steps: ['Call 999.', 'Stay safe.', 'Safeguard, then refer.'],
    phones: [
      { label: 'Emergency', number: '999' },
      { label: 'Textphone', number: '18000' },
    ],
    urgent: true,
    related: ['nrm-adult-consents'],
  },
  {
    id: 'nrm-adult-consents',
    kind: 'referral',
    title: 'Refer an adult who consents to the NRM',
    summary: 'First Responders refer adults who give informed consent through the online form.',
    questions: ['how do I refer an adult to the national referral mechanism', 'make an nrm referral for an adult'],
    keywords: ['referral form', 'consent'],
    steps: ['Explain the NRM and get informed consent.', 'Complete the online referral form.'],
    contacts: ['modern-slavery-helpline'],
    related: ['child-referral-nrm', 'duty-to-notify-adult-no-consent'],
  },
  {
    id: 'child-referral-nrm',
    kind: 'referral',
    title: 'Refer a child (under 18)',
    summary: 'Safeguard the child first, then refer to the NRM. No consent is needed.',
    questions: ['how do I refer a child to the nrm', 'young person under 18 referral'],
    keywords: ['child', 'children', 'under 18', 'minor'],
    steps: ['Safeguard the child.', "Refer to children's services.", 'Make the NRM referral.'],
  },
  {
    id: 'duty-to-notify-adult-no-consent',
    kind: 'referral',
    title: 'Adult does not consent: Duty to Notify',
    summary: 'Respect the refusal and make an anonymous Duty to Notify notification.',
    questions: ['adult refuses nrm consent', 'what if the adult says no to the referral'],
    keywords: ['dtn', 'refuses', 'no consent', 'ms1'],
    steps: ['Respect the refusal.', 'Notify the Home Office without identifying details.'],
  },
  {
    id: 'modern-slavery-helpline',
    kind: 'contact',
    title: 'Modern Slavery & Exploitation Helpline',
    summary: 'Free, confidential advice 24 hours a day.',
    questions: ['what is the modern slavery helpline number', 'who can I call for advice'],
    keywords: ['helpline', 'unseen', 'advice line'],
    phones: [{ label: 'Helpline', number: '08000 121 700', hours: '24/7' }],
  },
  {
    id: 'salvation-army-victim-care',
    kind: 'contact',
    title: 'The Salvation Army: adult victim care',
    summary: 'The Salvation Army runs support for adult victims in England and Wales.',
    questions: ['salvation army referral line number', 'get support for an adult victim'],
    keywords: ['salvation army', 'victim care contract'],
    phones: [{ label: '24/7 referral line', number: '0800 808 3733' }],
    links: [{ title: 'The Salvation Army', url: 'https://www.salvationarmy.org.uk/modern-slavery' }],
  },
  {
    id: 'west-yorkshire-anti-slavery-partnership',
    kind: 'contact',
    title: 'West Yorkshire Anti-Trafficking and Modern Slavery Network',
    summary: 'The partnership covering the five West Yorkshire districts.',
    questions: ['anti slavery partnership in west yorkshire'],
    keywords: ['partnership', 'network'],
    areas: ['Leeds', 'Bradford', 'Kirklees', 'Huddersfield', 'Wakefield', 'Calderdale'],
    how_to_contact: 'Ask the West Yorkshire Police modern slavery team for the current coordinator.',
  },
  {
    id: 'signs-labour-exploitation',
    kind: 'info',
    title: 'Spot the signs: labour exploitation',
    summary: 'Long hours, little pay, wages withheld, debt, documents held by the employer.',
    questions: ['signs of labour exploitation', 'how can I tell if workers are being exploited'],
    keywords: ['forced labour', 'car wash', 'farm', 'construction', 'passport'],
    body: 'No single sign proves exploitation.',
  },
].map((e) => Entry.parse({ ...common, ...e }));

export const sampleSynonyms: string[][] = [
  ['nrm', 'national referral mechanism'],
  ['dtn', 'duty to notify'],
  ['child', 'kid', 'young person', 'minor'],
  ['labour exploitation', 'forced labour'],
];

export function sampleKnowledge(entries: Entry[] = sampleEntries, synonyms: string[][] = sampleSynonyms): KnowledgeBase {
  return {
    version: 'test',
    loadedAt: new Date('2026-11-23T12:00:00Z'),
    dir: 'test',
    files: [],
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    origins: new Map(),
    synonyms,
    // A few examples of what the bot must not answer, as every real knowledge base has: without them the
    // scope model has no opinion and the in-scope decision rests on the other measurements alone.
    outOfScope: ['book a meeting room for friday', 'annual leave request form', 'how do i reset my password', 'bin collection day in my street', 'best pizza near the office'],
    dangerNow: [],
    calm: [],
    reminders: [],
    sources: [],
  };
}
