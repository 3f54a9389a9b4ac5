// Cards and text wrapped as the message activities Teams receives.
import type { Activity } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './cards/elements.ts';
import { escapeMarkdown, truncate } from './cards/markdown.ts';

/** `summary` is what a Teams notification shows in place of the card. */
export function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  return {
    type: 'message',
    summary: truncate(summary, 120),
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  };
}

/** A short message whose every line is shown as written (Teams reads markdown in message text too). */
export function textActivity(lines: readonly string[]): Partial<Activity> {
  return { type: 'message', textFormat: 'markdown', text: lines.map(escapeMarkdown).join('\n\n') };
}
