// The shape of the knowledge files. This is the single definition: the loader validates with it, the
// TypeScript types come from it, and `msht-guide kb schema` writes knowledge/schema.json from it so an
// admin's editor checks a file as it is typed.
import { z } from 'zod';

/** Entry ids are lower-case words joined by hyphens, e.g. `nrm-adult-consents`. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Dates are written as YYYY-MM-DD. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const ENTRY_KINDS = ['referral', 'contact', 'toolkit', 'info'] as const;
export const JURISDICTIONS = [
  'uk',
  'england-and-wales',
  'england',
  'wales',
  'scotland',
  'northern-ireland',
] as const;

const text = z.string().trim().min(1, 'must not be empty');
const id = z
  .string()
  .regex(ID_PATTERN, 'must be lower-case letters, digits and hyphens, e.g. `nrm-adult-consents`');

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is refused). */
export const isoDate = z
  .string()
  // `abort`: a date in the wrong form is one mistake, reported once (not also as "not a real date").
  .regex(DATE_PATTERN, { message: 'must be a date written YYYY-MM-DD, e.g. 2026-11-23', abort: true })
  .refine((value) => isRealDate(value), 'is not a real calendar date');

export function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value), 'must be a web address starting http:// or https://');

export const Link = z.strictObject({
  title: text,
  url: httpUrl,
});

export const Phone = z.strictObject({
  label: text,
  number: text,
  hours: text.optional(),
});

export const Email = z.strictObject({
  label: text,
  address: text,
});

export const Section = z.strictObject({
  heading: text,
  text: text,
});

export const Entry = z
  .strictObject({
    id: id.describe('Unique id, lower-case words joined by hyphens, e.g. nrm-adult-consents'),
    kind: z.enum(ENTRY_KINDS).describe('referral (ordered steps), contact (an organisation or partnership), toolkit (practice guidance), info (definitions, law, signs, dates)'),
    title: text.describe('The heading people see'),
    summary: text.describe('One or two sentences: the answer in brief'),
    questions: z.array(text).min(1, 'needs at least one question').describe('Ways practitioners ask for this (at least 5): abbreviations and typos welcome'),
    keywords: z.array(text).default([]).describe('Words and acronyms that point here'),
    steps: z.array(text).min(1).optional().describe('Ordered steps, shown numbered (required for referral entries)'),
    body: text.optional().describe('Longer text shown under the summary'),
    sections: z.array(Section).min(1).optional().describe('Headed sections (toolkit pages)'),
    phones: z.array(Phone).optional().describe('Phone numbers; each must also be in sources.yaml'),
    emails: z.array(Email).optional().describe('Email addresses; each must also be in sources.yaml'),
    how_to_contact: text.optional().describe('How to find the contact when no source gives details'),
    contacts: z.array(id).optional().describe('Ids of contact entries shown with this answer'),
    links: z.array(Link).optional().describe('Web links; each URL must also be in sources.yaml'),
    related: z.array(id).optional().describe('Ids of entries offered as follow-ups'),
    areas: z.array(text).optional().describe('Towns, cities, boroughs and council areas covered (contacts)'),
    areas_have_no_partnership: z
      .boolean()
      .optional()
      .describe('true when the places in `areas` are those with no partnership of their own (the entry says how to find one)'),
    jurisdiction: z.enum(JURISDICTIONS).optional().describe('Where this applies; unset means the whole UK or not place-specific'),
    urgent: z.boolean().optional().describe('true for the someone-is-in-danger-now guidance shown with every urgent question'),
    source: z.union([text, z.array(text).min(1)]).describe('Where the facts come from: a seed document title or an official page'),
    reviewed: isoDate.describe('When the entry was last checked against its source (YYYY-MM-DD)'),
    review_by: isoDate.optional().describe('When facts that change must be checked again (YYYY-MM-DD); kb check warns after it'),
  })
  .superRefine((entry, ctx) => {
    if (entry.kind === 'referral' && !entry.steps) {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: 'a referral entry needs `steps` (the ordered steps)' });
    }
    if (entry.kind === 'toolkit' && !entry.sections && !entry.body) {
      ctx.addIssue({ code: 'custom', path: ['sections'], message: 'a toolkit entry needs `sections` (or a `body`)' });
    }
    if (entry.kind === 'contact' && !entry.phones && !entry.emails && !entry.links && !entry.how_to_contact) {
      ctx.addIssue({
        code: 'custom',
        path: ['how_to_contact'],
        message:
          'a contact entry needs `phones`, `emails`, `links` or `how_to_contact` (say how to find them when no source gives details)',
      });
    }
  });

/** Synonym groups: every term in a group means the same to the search, e.g. [nrm, national referral mechanism]. */
export const SynonymGroup = z.array(text).min(2, 'a synonym group needs at least two terms');

/**
 * A reminder posted to every channel subscribed to its topic. Exactly one of `cron` (a croner expression)
 * or `yearly` (MM-DD, posted at `at`, default 09:00) says when.
 */
export const Reminder = z
  .strictObject({
    id,
    title: text,
    message: text,
    topic: id,
    cron: text.optional(),
    yearly: z
      .string()
      .regex(/^\d{2}-\d{2}$/, 'must be a month and day written MM-DD, e.g. 10-18')
      .optional(),
    at: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM (24-hour), e.g. 09:00')
      .optional(),
    timezone: text.default('Europe/London'),
    entry: id.optional(),
    from: isoDate.optional(),
    until: isoDate.optional(),
    source: z.union([text, z.array(text).min(1)]).optional(),
  })
  .superRefine((reminder, ctx) => {
    if (reminder.cron === undefined && reminder.yearly === undefined) {
      ctx.addIssue({ code: 'custom', path: ['cron'], message: 'is missing: say when with `cron` (e.g. "0 9 1 * *") or `yearly` (e.g. "10-18")' });
    } else if (reminder.cron !== undefined && reminder.yearly !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['yearly'], message: 'is given as well as `cron`: keep one of the two' });
    }
    if (reminder.at !== undefined && reminder.yearly === undefined) {
      ctx.addIssue({ code: 'custom', path: ['at'], message: '`at` goes with `yearly`; a `cron` expression carries its own time' });
    }
  });

/** A checked public contact detail: every phone number, email address and web address the knowledge gives. */
export const SourcedValue = z.strictObject({
  value: text,
  kind: z.enum(['phone', 'email', 'url']),
  source: text,
  checked: isoDate,
  /**
   * What `checked` was checked against: the live page, or a stored (archived) copy of it. Say `stored-copy`
   * unless the page itself was opened that day; `kb review` lists everything not checked live.
   */
  checked_against: z.enum(['live-page', 'stored-copy']).optional(),
  note: text.optional(),
});

/** A Slack channel id: C… (public) or G… (private), as Slack shows it under the channel's details. */
export const SLACK_CHANNEL_PATTERN = /^[CG][A-Z0-9]{8,}$/;
/** A Teams channel's conversation id, e.g. `19:abc123@thread.tacv2` (from the channel's link). */
export const TEAMS_CHANNEL_PATTERN = /^19:[^\s@]+@thread\.(tacv2|skype)$/;

/**
 * A team that answers questions the knowledge could not: where it is reached (a Slack channel and/or a Teams
 * channel), and what it covers (places, directly or through the partnerships it speaks for, and topics).
 */
export const ExpertTeam = z.strictObject({
  id: id.describe('Unique id, lower-case words joined by hyphens, e.g. west-yorkshire-experts'),
  name: text.describe('The team as askers see it, e.g. "West Yorkshire anti-slavery network"'),
  partnerships: z.array(id).optional().describe('Ids of partnership contact entries: their `areas` count as this team\'s'),
  areas: z.array(text).optional().describe('More towns, cities and council areas the team covers'),
  topics: z.array(text).optional().describe('Words or phrases of questions this team takes, e.g. "labour exploitation"'),
  slack: z
    .strictObject({
      channel: z.string().regex(SLACK_CHANNEL_PATTERN, 'must be a Slack channel id such as C0123ABCDEF (channel details → the id at the bottom), not its name').describe('The Slack channel id'),
    })
    .optional()
    .describe('Where the team is reached in Slack (the bot must be invited to the channel)'),
  teams: z
    .strictObject({
      channel: z
        .string()
        .regex(TEAMS_CHANNEL_PATTERN, 'must be a Teams channel conversation id such as 19:abc123@thread.tacv2 (from "Get link to channel"), not its name')
        .describe('The Teams channel conversation id'),
    })
    .optional()
    .describe('Where the team is reached in Microsoft Teams (the bot must be added to the team)'),
});

/** The expert teams and which one takes a question that matches none by place or topic. */
export const Experts = z.strictObject({
  teams: z.array(ExpertTeam).default([]).describe('The expert teams; none means the bot never offers to ask an expert'),
  default: id.optional().describe('The id of the team that takes questions no team covers by place or topic'),
  answer_within_hours: z
    .number()
    .positive('must be more than 0')
    .max(200, 'must be at most 200 working hours')
    .optional()
    .describe('Working hours (Monday to Friday, 09:00 to 17:00 UK time) before an unanswered hand-off expires; default 4'),
});

/** One knowledge file. Any mix of the four sections; most files hold only `entries`. */
export const KnowledgeFile = z.strictObject({
  entries: z.array(Entry).optional(),
  synonyms: z.array(SynonymGroup).optional(),
  reminders: z.array(Reminder).optional(),
  sources: z.array(SourcedValue).optional(),
  experts: Experts.optional().describe('Expert teams that take questions the knowledge cannot answer (only one file may have this)'),
  out_of_scope: z
    .array(text)
    .optional()
    .describe('Questions this bot must not answer (a referral to physio, car wash prices): the search learns from them what is outside its field'),
  danger_now_examples: z
    .array(text)
    .optional()
    .describe('Messages saying someone is in danger now, as practitioners type them: the search learns from them when to lead with 999'),
  calm_examples: z
    .array(text)
    .optional()
    .describe('Messages with alarming words where nobody is in danger now (the past, training, "safe now"): the search learns from them not to'),
});

export type Entry = z.infer<typeof Entry>;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export type Jurisdiction = (typeof JURISDICTIONS)[number];
export type Link = z.infer<typeof Link>;
export type Phone = z.infer<typeof Phone>;
export type Email = z.infer<typeof Email>;
export type Section = z.infer<typeof Section>;
export type Reminder = z.infer<typeof Reminder>;
export type SourcedValue = z.infer<typeof SourcedValue>;
export type KnowledgeFile = z.infer<typeof KnowledgeFile>;
export type ExpertTeam = z.infer<typeof ExpertTeam>;
export type Experts = z.infer<typeof Experts>;
