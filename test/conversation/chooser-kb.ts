// A small knowledge base holding every entry the chooser points at, built in code so the chooser tests
// depend on neither the shipped knowledge nor the test fixture's ids.
import { Entry } from '../../src/knowledge/schema.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { CHOOSER_OPTIONS } from '../../src/conversation/chooser.ts';

const common = { source: 'Test source', reviewed: '2026-11-23' };

export const chooserEntries = [
  {
    id: 'someone-in-danger-now',
    kind: 'referral',
    title: 'Someone is in danger now',
    summary: 'Call 999 first if anyone is in immediate danger.',
    questions: ['someone is in danger right now'],
    keywords: ['danger', 'emergency', '999'],
    steps: ['Call 999.', 'Stay safe.'],
    phones: [{ label: 'Emergency', number: '999' }],
    urgent: true,
  },
  {
    id: 'child-referral-nrm',
    kind: 'referral',
    title: 'Refer a child to the NRM',
    summary: 'Safeguard the child first, then refer to the NRM. No consent is needed.',
    questions: ['how do I refer a child to the nrm'],
    keywords: ['child', 'under 18'],
    steps: ['Safeguard the child.', 'Make the NRM referral.'],
  },
  {
    id: 'nrm-adult-consents',
    kind: 'referral',
    title: 'Refer an adult who consents to the NRM',
    summary: 'First Responders refer adults who give informed consent through the online form.',
    questions: ['how do I refer an adult to the nrm'],
    keywords: ['adult', 'consent'],
    steps: ['Explain the NRM and get informed consent.', 'Complete the online referral form.'],
  },
  {
    id: 'signs-general',
    kind: 'info',
    title: 'Spot the signs of modern slavery',
    summary: 'Injuries, control by others, no documents, fear of the authorities.',
    questions: ['what are the signs of modern slavery'],
    keywords: ['signs', 'indicators'],
  },
  {
    id: 'find-a-local-partnership',
    kind: 'contact',
    title: 'Find the anti-slavery partnership for your area',
    summary: 'Look it up on the national directory, or ask your force lead.',
    questions: ['find my local anti slavery partnership'],
    keywords: ['partnership', 'local'],
    how_to_contact: 'Through the national directory of partnerships.',
  },
  {
    id: 'modern-slavery-helpline',
    kind: 'contact',
    title: 'Modern Slavery & Exploitation Helpline',
    summary: 'Free, confidential advice 24 hours a day.',
    questions: ['what is the modern slavery helpline number'],
    keywords: ['helpline', 'advice line'],
    phones: [{ label: 'Helpline', number: '08000 121 700', hours: '24/7' }],
  },
].map((e) => Entry.parse({ ...common, ...e }));

export function chooserKnowledge(entries: Entry[] = chooserEntries): KnowledgeBase {
  return {
    version: 'chooser-test',
    loadedAt: new Date('2026-11-23T12:00:00Z'),
    dir: 'test',
    files: [],
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    origins: new Map(),
    outOfScope: [],
    dangerNow: [],
    calm: [],
    synonyms: [['nrm', 'national referral mechanism']],
    reminders: [],
    sources: [],
  };
}

/** In the field (it names the NRM) but matches no one entry: the chooser's case. */
export const IN_FIELD_NO_MATCH = 'the nrm thing my sergeant mentioned';
/** As much in the field by score, but an everyday request ("near me"): the fallback alone. */
export const OFF_TOPIC_WITH_CUE = 'nrm pizza near me';
/** Nothing the knowledge knows: the fallback alone. */
export const NOTHING_KNOWN = 'banana bread';

export const CHOOSER_LABELS = CHOOSER_OPTIONS.map((o) => o.label);
