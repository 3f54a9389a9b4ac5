// Every Teams / Adaptive Card limit the renderers respect, in one place, so the boundary tests can
// test exactly at each one.
export const CARD_LIMITS = {
  /** Adaptive Card schema version: Teams desktop, web and mobile render 1.5. */
  version: '1.5',
  /**
   * Teams rejects a message over about 28 KB (the whole activity, card included). The card's JSON is
   * kept under this, leaving room for the activity envelope.
   */
  maxCardBytes: 24_000,
  /** The renderer's default `maxActions`: more buttons than this in one set are silently dropped. */
  maxActionsPerSet: 5,
  /** Teams cuts long button labels off on a phone; keep them readable. */
  maxActionTitleChars: 40,
  maxSuggestions: 3,
  maxFollowUps: 4,
  maxLinkActions: 5,
  /** The plain-text fallback is for clients that cannot render the card; it need not be the whole answer. */
  maxFallbackChars: 3_000,
  /** The question echoed in a feedback button's data, so the 👍/👎 is stored against it (redacted). */
  maxFeedbackQueryChars: 300,
  /** Longest text block before the size budget starts trimming. */
  minTrimmedTextChars: 200,
} as const;
