// Where a message came from, as the core needs to know it. A platform describes itself once (its
// `Surface`); each message adds the conversation it came from.

/** How a platform presents itself to the core. */
export interface Surface {
  /** Its name, e.g. `slack`: recorded with unanswered questions and feedback, and the platform of a subscription. */
  name: string;
  /** How to ask on this platform, for the help text (backticks mark what a person types). */
  howToAsk: readonly string[];
  /** What commands are typed after here, e.g. `/msht ` on Slack; nothing elsewhere. */
  commandPrefix?: string;
}

export interface Where {
  surface: Surface;
  /**
   * The conversation the message came from: where its reminder subscriptions belong. Absent where there
   * are none (the terminal): there the subscription words are read as a question.
   */
  conversation?: string;
  /**
   * Who sent it, as the platform names them (a Slack user id; a Teams display name): shown to an expert
   * team with a question handed to it, and only they may send or cancel their hand-off. Absent in the
   * terminal, where no question is handed to experts.
   */
  user?: string;
  /** The thread in `conversation` it came from (a Slack thread): an expert's answer goes back there. */
  thread?: string;
  /**
   * Where a later answer reaches this person, when not `conversation` (a Slack `/msht` answers privately,
   * so an expert's answer goes to their DM with the bot: their user id).
   */
  replyTo?: string;
}
