// Everyday requests that share words with the knowledge ("car wash near me", "fishing licence") but are
// not about exploitation. A cue only lowers confidence: a question that fits an entry very well is still
// answered. Kept to shapes of request (shopping, leisure, personal admin), not to topics practitioners ask about.
import { cleanText } from './normalize.ts';

const OUT_OF_SCOPE_CUES: readonly RegExp[] = [
  /\bnear me\b/,
  /\bhow much (is|are|does|do) (a|an|the|it cost)\b/,
  /\b(price|prices|cost) of (a|an|the)\b/,
  /\b(cheap|cheapest|best) (flights?|hotels?|deals?|pizza|restaurants?|takeaway)\b/,
  /\bopening (hours|times)\b/,
  /\bopen (on )?(mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|today|tonight|tomorrow|bank holiday)\b/,
  /\b(recipe|recipes|menu|weather|forecast|lottery|horoscope)\b/,
  /\b(fishing|driving|tv|television|dog|alcohol|premises|marriage) licen[cs]e\b/,
  /\b(tickets?|fixtures?|kick off) (for|to)\b/,
];

export function hasOutOfScopeCue(question: string): boolean {
  const text = cleanText(question);
  return OUT_OF_SCOPE_CUES.some((cue) => cue.test(text));
}
