// Hand-made answers for rendering tests: exactly the shape the core produces, with every field chosen.
import type { Answer, AnswerContact, AnswerEntry } from '../../src/answer/answer.ts';

export function entry(overrides: Partial<AnswerEntry> = {}): AnswerEntry {
  return {
    id: 'nrm-adult-referral',
    kind: 'referral',
    title: 'Refer an adult to the NRM',
    summary: 'A First Responder refers an adult with their informed consent.',
    steps: ['Explain the NRM and get informed consent.', 'Complete the online referral form.'],
    sections: [],
    contacts: [],
    links: [{ title: 'NRM guidance', url: 'https://www.gov.uk/government/publications/human-trafficking-victims-referral-and-assessment-forms' }],
    source: ['Home Office NRM guidance'],
    reviewed: '2026-11-01',
    ...overrides,
  };
}

export function contact(overrides: Partial<AnswerContact> = {}): AnswerContact {
  return {
    id: 'modern-slavery-helpline',
    title: 'Modern Slavery & Exploitation Helpline',
    phones: [{ label: 'Helpline (24/7)', number: '08000 121 700' }],
    emails: [],
    links: [],
    ...overrides,
  };
}

export function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    query: 'how do I refer an adult',
    status: 'answered',
    urgent: false,
    score: 0.9,
    entry: entry(),
    suggestions: [],
    followUps: [],
    ...overrides,
  };
}
