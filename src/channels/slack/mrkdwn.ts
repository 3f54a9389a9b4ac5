// Slack reads `&`, `<` and `>` as control characters in mrkdwn: `<!channel>` pings a whole channel and
// `<https://x|label>` makes a link. Every piece of user and knowledge text goes through `escapeMrkdwn`
// before it is put in mrkdwn, so a question (or a careless knowledge edit) can never ping anyone or
// disguise a link. Plain-text objects (headers, button labels) are not parsed for mentions and are left as is.

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link Slack renders as `label`; both parts escaped so neither can break out of the `<…|…>` form. */
export function link(url: string, label: string): string {
  const safeUrl = escapeMrkdwn(url).replace(/\|/g, '%7C');
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '¦');
  return `<${safeUrl}|${safeLabel}>`;
}

/** A user mention built from an id Slack gave us (never from text a user typed). */
export function mentionUser(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** Remove `<@U…>` mentions (the bot's own name in an app_mention) from what a user typed. */
export function stripMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Slack sends `&`, `<`, `>` in message text escaped; undo that before the question is searched. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
