// Small constructors for the Block Kit pieces the bot uses. Each one enforces its limit (from limits.ts)
// so no caller can build a block Slack would refuse.
import type { types } from '@slack/bolt';
import { LIMITS } from './limits.ts';
import { splitText, truncate } from './fit.ts';

export type Block = types.KnownBlock;
export type ButtonElement = types.Button;

/** A message as posted: `text` is the notification and screen-reader fallback, `blocks` what is shown. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true } };
}

/** One or more section blocks: mrkdwn longer than a section holds is split, never cut. */
export function sections(mrkdwn: string): Block[] {
  return splitText(mrkdwn, LIMITS.sectionText).map((piece) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: piece },
  }));
}

/** Section blocks of two-column fields: ten fields to a section, each field within its own limit. */
export function fieldSections(fields: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.sectionFields) {
    blocks.push({
      type: 'section',
      fields: fields
        .slice(i, i + LIMITS.sectionFields)
        .map((field) => ({ type: 'mrkdwn' as const, text: truncate(field, LIMITS.fieldText) })),
    });
  }
  return blocks;
}

export function context(parts: Array<string | PlainText>): Block {
  return {
    type: 'context',
    elements: parts
      .slice(0, LIMITS.contextElements)
      .map((part) =>
        typeof part === 'string'
          ? { type: 'mrkdwn' as const, text: truncate(part, LIMITS.contextText) }
          : { type: 'plain_text' as const, text: truncate(part.plain, LIMITS.contextText), emoji: false },
      ),
  };
}

/**
 * Text shown exactly as typed: no bold or italics from `*` and `_`, no links, no mentions. For echoing
 * what someone asked, which mrkdwn has no way to escape.
 */
export interface PlainText {
  plain: string;
}

/** Action blocks holding the buttons, 25 to a block. */
export function actions(buttons: ButtonElement[], blockId?: string): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsElements) {
    const block: types.ActionsBlock = { type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsElements) };
    if (blockId !== undefined) block.block_id = truncate(i === 0 ? blockId : `${blockId}_${i}`, LIMITS.blockId);
    blocks.push(block);
  }
  return blocks;
}

export function button(
  label: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): ButtonElement {
  const element: ButtonElement = {
    type: 'button',
    text: { type: 'plain_text', text: truncate(label, LIMITS.buttonText), emoji: true },
    action_id: fitActionId(actionId),
    value: truncate(value, LIMITS.buttonValue),
  };
  if (style) element.style = style;
  return element;
}

/** Action ids are built by the bot from short prefixes; this only guards a pathological index. */
export function fitActionId(actionId: string): string {
  return actionId.length <= LIMITS.actionId ? actionId : actionId.slice(0, LIMITS.actionId);
}

export function divider(): Block {
  return { type: 'divider' };
}
