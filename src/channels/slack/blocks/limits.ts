// Every Block Kit limit the renderers respect, in one place. Slack rejects a whole message when any one of
// these is exceeded (`invalid_blocks`), so the renderers split or trim to fit instead: an answer that is
// too long must still reach an officer mid-incident, with a note saying where the rest is.
// Values from Slack's Block Kit reference (blocks, block elements, composition objects, views).
export const LIMITS = {
  /** Blocks in one message (chat.postMessage, chat.postEphemeral, response_url). */
  messageBlocks: 50,
  /** Blocks in one view (the App Home tab, modals). */
  viewBlocks: 100,
  /** Characters in a section block's text. */
  sectionText: 3000,
  /** Fields in one section block. */
  sectionFields: 10,
  /** Characters in one section field. */
  fieldText: 2000,
  /** Characters in a header block's plain text. */
  headerText: 150,
  /** Elements in one context block. */
  contextElements: 10,
  /** Characters in one context element's text (a text object's own limit). */
  contextText: 3000,
  /** Elements in one actions block. */
  actionsElements: 25,
  /** Characters in a button's label. */
  buttonText: 75,
  /** Characters in a button's value. */
  buttonValue: 2000,
  /** Characters in a button's url. */
  buttonUrl: 3000,
  /** Characters in an action_id. */
  actionId: 255,
  /** Characters in a block_id. */
  blockId: 255,
  /** Characters in an input block's label and a placeholder. */
  inputLabel: 2000,
  placeholder: 150,
  /** Characters in a message's top-level `text` (Slack truncates beyond this; keep notifications short). */
  messageText: 40000,
} as const;
