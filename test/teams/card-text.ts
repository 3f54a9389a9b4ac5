// What a person sees on a card, in reading order: text with the markdown escapes undone, facts as
// "label: value", and buttons as [title].
import type { ConnectorCall } from './helpers.ts';

type Json = Record<string, unknown>;

export function cardOf(call: ConnectorCall | undefined): Json {
  const attachments = (call?.activity.attachments ?? []) as Json[];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no Adaptive Card in ${JSON.stringify(call?.activity).slice(0, 300)}`);
  return card.content as Json;
}

export function unescape(text: string): string {
  // Bold markers are styling, not text; escaped characters are shown as themselves.
  return text.replace(/(?<!\\)\*\*/g, '').replace(/\\(.)/g, '$1');
}

export function visibleLines(card: Json): string[] {
  const out: string[] = [];
  const walk = (elements: unknown) => {
    for (const el of (elements ?? []) as Json[]) {
      if (el.type === 'TextBlock') out.push(unescape(String(el.text)));
      if (el.type === 'FactSet') for (const f of el.facts as Json[]) out.push(`${unescape(String(f.title))}: ${unescape(String(f.value))}`);
      if (el.type === 'Container') walk(el.items);
      if (el.type === 'ActionSet') for (const a of el.actions as Json[]) out.push(`[${String(a.title)}]`);
    }
  };
  walk(card.body);
  return out;
}

/** Every Action.Submit / Action.OpenUrl on the card, in order. */
export function actionsOf(card: Json): Json[] {
  const out: Json[] = [];
  const walk = (elements: unknown) => {
    for (const el of (elements ?? []) as Json[]) {
      if (el.type === 'Container') walk(el.items);
      if (el.type === 'ActionSet') out.push(...(el.actions as Json[]));
    }
  };
  walk(card.body);
  return out;
}

export function textOf(call: ConnectorCall | undefined): string {
  return unescape(String(call?.activity.text ?? ''));
}
