// What a message asks the bot to do. Anything that is not one of the few commands is a question.

export type Command =
  | { kind: 'help' }
  | { kind: 'subscribe'; topic: string }
  | { kind: 'unsubscribe'; topic: string }
  | { kind: 'subscriptions' }
  | { kind: 'ask'; question: string };

export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (lower === '' || lower === 'help' || lower === '?' || lower === '/help') return { kind: 'help' };
  if (lower === 'subscriptions' || lower === 'subscription' || lower === 'topics') return { kind: 'subscriptions' };
  const match = /^(subscribe|unsubscribe)(?:\s+(.*))?$/i.exec(trimmed);
  if (match) {
    const kind = match[1]!.toLowerCase() as 'subscribe' | 'unsubscribe';
    return { kind, topic: (match[2] ?? '').trim().toLowerCase() };
  }
  return { kind: 'ask', question: trimmed };
}

/**
 * The question as the person typed it, from a Teams message: the bot's @mention removed (whatever its
 * display name, since the mention entity says which text is the mention), and the small bits of HTML
 * Teams leaves in channel messages turned back into text.
 */
export function cleanMessageText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(?:p|div|span)[^>]*>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'")
    .replace(/&amp;/gi, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
