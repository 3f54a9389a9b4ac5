// Answer → Block Kit, laid out for a phone: the 999 banner first when someone is in danger, then the title,
// the summary, numbered steps, contacts as two-column fields, links, and where the guidance comes from.
// Buttons follow: "Did you mean", related questions, 👍 / 👎 and (for a private answer) "Share in channel";
// a no-match answer may carry the chooser's options instead.
// Every piece of text from the user or the knowledge is escaped for mrkdwn.
import type { Answer, AnswerContact, AnswerEntry } from '../../../answer/answer.ts';
import { DEFAULT_BANNER, DEFAULT_FALLBACK } from '../../../answer/safety.ts';
import { outOfDateLine } from '../../../answer/text.ts';
import type { Chooser } from '../../../conversation/chooser.ts';
import type { ExpertOffer } from '../../../conversation/reply.ts';
import { offerBlocks } from './expert.ts';
import { escapeMrkdwn, link } from '../mrkdwn.ts';
import { LIMITS } from './limits.ts';
import { truncate } from './fit.ts';
import { ACTION, BLOCK_ID, encodeChoice, encodeEntry, encodeFeedback } from './action-ids.ts';
import {
  type Block,
  type PlainText,
  type SlackMessage,
  actions,
  button,
  context,
  fieldSections,
  header,
  sections,
} from './kit.ts';

export interface AnswerRenderOptions {
  /** The question as asked: echoed back ("You asked …") and carried with the feedback buttons. */
  question?: string;
  /** Add a "Share in channel" button (private slash-command answers). */
  share?: boolean;
  /** Add 👍 / 👎 buttons (default true). */
  feedback?: boolean;
  /** A context line shown under the title, e.g. "Shared by @someone" (mrkdwn, already safe). */
  note?: string;
  /** How many blocks the surface allows (a message by default; the App Home allows more). */
  maxBlocks?: number;
  /** "Ask an expert" under an answer the knowledge could not give with confidence. */
  expert?: ExpertOffer;
  /** Options to pick from under a no-match answer (the core's chooser). */
  chooser?: Chooser;
}

const FOLLOW_UPS_SHOWN = 5;

export function renderAnswer(answer: Answer, options: AnswerRenderOptions = {}): SlackMessage {
  const maxBlocks = options.maxBlocks ?? LIMITS.messageBlocks;
  const head: Block[] = [];
  const body: Block[] = [];
  const tail: Block[] = [];

  if (answer.urgent) head.push(bannerBlock(answer.banner));

  const entry = answer.entry;
  if (entry) head.push(header(entry.title));
  else head.push(header('No answer found'));
  const notes: Array<string | PlainText> = [];
  if (options.note) notes.push(options.note);
  if (options.question !== undefined && options.question.trim() !== '') {
    // Plain text: in mrkdwn a question holding `_`, `*` or a URL would turn into formatting or a live link
    // inside the bot's own words, and mrkdwn cannot escape those.
    notes.push({ plain: `You asked: ${disarmAngles(truncate(options.question.trim(), 300))}` });
  }
  if (answer.status === 'ambiguous') notes.push('Not sure this is the one you need: see *Did you mean* below.');
  if (notes.length > 0) head.push(context(notes));
  // Kept with the title so trimming a long answer never drops it.
  if (answer.outOfDate) head.push(...sections(escapeMrkdwn(outOfDateLine(answer.outOfDate))));

  if (entry) body.push(...entryBlocks(entry));
  else body.push(...sections(escapeMrkdwn(answer.fallback ?? DEFAULT_FALLBACK)));

  if (entry) tail.push(context(sourceLine(entry)));
  // Buttons carry the answer's urgency, so whatever a click shows still opens with 999.
  const urgent = answer.urgent;
  if (options.chooser && options.chooser.options.length > 0) {
    tail.push(...sections(`*${escapeMrkdwn(options.chooser.prompt)}*`));
    tail.push(
      ...actions(
        options.chooser.options.map((o, i) => button(o.label, `${ACTION.choose}_${i}`, encodeChoice({ ...o.choice, urgent: urgent || o.choice.urgent === true }))),
        BLOCK_ID.chooser,
      ),
    );
  }
  if (answer.suggestions.length > 0) {
    tail.push(...sections('*Did you mean…*'));
    tail.push(
      ...actions(
        answer.suggestions.map((s, i) => button(s.title, `${ACTION.open}_s${i}`, encodeEntry({ entryId: s.id, urgent }))),
        'msht_suggestions',
      ),
    );
  }
  const followUps = answer.followUps.slice(0, FOLLOW_UPS_SHOWN);
  if (followUps.length > 0) {
    tail.push(context(['*Related*']));
    tail.push(
      ...actions(followUps.map((f, i) => button(f.title, `${ACTION.open}_f${i}`, encodeEntry({ entryId: f.id, urgent }))), 'msht_related'),
    );
  }
  if (options.expert) tail.push(...offerBlocks(options.expert));
  if (entry && options.feedback !== false) {
    const value = encodeFeedback({
      entryId: entry.id,
      ...(options.question !== undefined ? { question: options.question } : {}),
      ...(urgent ? { urgent } : {}),
    });
    tail.push(
      ...actions(
        [button('👍 Helpful', ACTION.feedbackUp, value), button('👎 Not helpful', ACTION.feedbackDown, value)],
        BLOCK_ID.feedback,
      ),
    );
  }
  if (entry && options.share) {
    tail.push(...actions([button('Share in channel', ACTION.share, encodeEntry({ entryId: entry.id, urgent }), 'primary')], BLOCK_ID.share));
  }

  return { text: fallbackText(answer), blocks: fitBlocks(head, body, tail, maxBlocks, entry) };
}

function entryBlocks(entry: AnswerEntry): Block[] {
  const blocks: Block[] = [];
  blocks.push(...sections(escapeMrkdwn(entry.summary)));
  if (entry.steps.length > 0) {
    const steps = entry.steps.map((step, i) => `${i + 1}. ${escapeMrkdwn(step)}`).join('\n');
    blocks.push(...sections(`*Steps*\n${steps}`));
  }
  if (entry.body) blocks.push(...sections(escapeMrkdwn(entry.body)));
  for (const section of entry.sections) {
    blocks.push(...sections(`*${escapeMrkdwn(section.heading)}*\n${escapeMrkdwn(section.text)}`));
  }
  if (entry.contacts.length > 0) {
    blocks.push(...sections('*Contacts*'));
    blocks.push(...fieldSections(entry.contacts.map(contactField)));
  }
  if (entry.links.length > 0) {
    blocks.push(...sections(`*Links*\n${entry.links.map((l) => `• ${link(l.url, l.title)}`).join('\n')}`));
  }
  return blocks;
}

function contactField(contact: AnswerContact): string {
  const lines = [`*${escapeMrkdwn(contact.title)}*`];
  for (const phone of contact.phones) {
    const hours = phone.hours ? ` (${escapeMrkdwn(phone.hours)})` : '';
    lines.push(`📞 ${escapeMrkdwn(phone.label)}: ${escapeMrkdwn(phone.number)}${hours}`);
  }
  for (const email of contact.emails) lines.push(`✉️ ${escapeMrkdwn(email.label)}: ${escapeMrkdwn(email.address)}`);
  for (const l of contact.links) lines.push(`🔗 ${link(l.url, l.title)}`);
  if (contact.howToContact) lines.push(escapeMrkdwn(contact.howToContact));
  return lines.join('\n');
}

function sourceLine(entry: AnswerEntry): string[] {
  const source = entry.source.length > 0 ? `Source: ${escapeMrkdwn(entry.source.join('; '))}` : 'Source: not given';
  return [source, `Reviewed ${escapeMrkdwn(entry.reviewed)}`];
}

/** The 999 banner: the first block of every urgent answer, and of anything else shown in its place. */
export function bannerBlock(banner: string | undefined): Block {
  const text = `:rotating_light: *${escapeMrkdwn(banner ?? DEFAULT_BANNER)}*`;
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

/** The notification text: what a lock screen or screen reader shows. */
/** `<!channel>` or `<https://x|y>` can never be read as a mention or a link with its brackets swapped for ‹ ›. */
function disarmAngles(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

function fallbackText(answer: Answer): string {
  const parts: string[] = [];
  if (answer.urgent) parts.push(answer.banner ?? DEFAULT_BANNER);
  if (answer.entry) parts.push(answer.entry.title, answer.entry.summary);
  if (answer.outOfDate) parts.push(outOfDateLine(answer.outOfDate));
  else parts.push(answer.fallback ?? DEFAULT_FALLBACK);
  return truncate(escapeMrkdwn(parts.join('\n')), LIMITS.sectionText);
}

/**
 * Keep the banner, title and buttons; trim the body from the end when the whole would exceed the block
 * limit, and say so with a pointer to where the rest can be read.
 */
function fitBlocks(head: Block[], body: Block[], tail: Block[], maxBlocks: number, entry: AnswerEntry | null): Block[] {
  if (head.length + body.length + tail.length <= maxBlocks) return [...head, ...body, ...tail];
  const room = Math.max(0, maxBlocks - head.length - tail.length - 1);
  const shown = body.slice(0, room);
  return [...head, ...shown, context([moreNote(entry)]), ...tail].slice(0, maxBlocks);
}

export function moreNote(entry: AnswerEntry | null): string {
  const first = entry?.links[0];
  const where = first ? `Read the rest at ${link(first.url, first.title)}` : 'Ask about one part of it to see the rest';
  return `✂️ This answer is longer than Slack shows in one message. ${where}.`;
}
