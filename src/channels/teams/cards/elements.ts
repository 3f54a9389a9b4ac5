// The few Adaptive Card elements the bot uses, typed, with small constructors. Text passed to `text`
// and `facts` must already be escaped (see markdown.ts); button titles are plain text, not markdown.
import { CARD_LIMITS } from './limits.ts';
import { truncate } from './markdown.ts';
import type { CardSubmit } from './actions.ts';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  weight?: 'Bolder';
  size?: 'Small' | 'Medium' | 'Large';
  color?: 'Attention' | 'Accent' | 'Good' | 'Warning';
  isSubtle?: boolean;
  spacing?: 'None' | 'Small' | 'Medium';
  separator?: boolean;
  style?: 'heading';
  /** Monospace for lines to copy as written (YAML). */
  fontType?: 'Monospace';
}

export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}

export interface Container {
  type: 'Container';
  style?: 'attention' | 'emphasis' | 'accent';
  bleed?: boolean;
  items: CardElement[];
}

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: CardSubmit;
}

export type CardAction = OpenUrlAction | SubmitAction;

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
}

export type CardElement = TextBlock | FactSet | Container | ActionSet;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: string;
  fallbackText: string;
  speak?: string;
  body: CardElement[];
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function text(value: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string): TextBlock {
  return text(value, { weight: 'Bolder', spacing: 'Medium' });
}

export function openUrl(title: string, url: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title: truncate(title, CARD_LIMITS.maxActionTitleChars), url };
}

export function submit(title: string, data: CardSubmit): SubmitAction {
  return { type: 'Action.Submit', title: truncate(title, CARD_LIMITS.maxActionTitleChars), data };
}

/** Buttons in rows the renderer will show in full (it drops any beyond `maxActions` in one set). */
export function actionSets(actions: CardAction[]): ActionSet[] {
  const sets: ActionSet[] = [];
  for (let i = 0; i < actions.length; i += CARD_LIMITS.maxActionsPerSet) {
    sets.push({ type: 'ActionSet', actions: actions.slice(i, i + CARD_LIMITS.maxActionsPerSet) });
  }
  return sets;
}

export function card(body: CardElement[], fallbackText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_LIMITS.version,
    fallbackText: truncate(fallbackText, CARD_LIMITS.maxFallbackChars),
    body,
  };
}

export function cardBytes(value: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
