// Teams message text as the person typed it; what it asks for is read by the core's parseChatCommand.

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
