// What a person can pick instead of typing: a "did you mean" or related entry, an option of the chooser,
// a reminder's "Read more". Buttons (Slack, Teams) and numbers (the terminal) carry one of these.

export type Choice =
  /** Show this entry. */
  | { kind: 'entry'; id: string; urgent?: boolean }
  /** Ask this question, as if typed. */
  | { kind: 'ask'; question: string; urgent?: boolean };

// `urgent`: the answer the choice was picked from opened with the 999 banner, so whatever it leads to
// opens with it too, even when that entry is not urgent itself.
