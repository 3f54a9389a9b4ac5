// Does a question say someone is in danger now? Missing that is far worse than a needless 999 banner,
// so the patterns lean towards flagging. They run on cleaned text: lower case, apostrophes dropped
// (can't → cant), punctuation as spaces.
import { cleanText } from './normalize.ts';

const PERSON = '(?:him|her|them|me|us|my|his|their|the|a|an|this|that|someone|somebody|anyone|victim|child|kid|girl|boy|woman|man|worker|workers|people|person)';

/** Violence as it happens: "hitting", "beating", "kicking"... */
const VIOLENCE_ING =
  'hitting|punching|beating|kicking|stabbing|strangling|choking|raping|burning (him|her|them|me|us|someone)|attacking|assaulting|' +
  'slapping|battering|smacking|whipping|torturing|thumping|headbutting|stamping on|shooting|hurting|abusing (him|her|them|me|us)|' +
  'throttling|dragging|knifing|glassing|bashing|belting|laying into|beating up|roughing up';
/** Violence in its plain and past forms; needs a person after it. */
const VIOLENCE_VERB =
  'hit|hits|punch|punches|punched|beat|beats|beaten|kick|kicks|kicked|stabbed|choke|chokes|choked|burn|burns|burned|burnt|' +
  'slap|slaps|slapped|batter|batters|smack|smacks|smacked|whip|whipped|thump|thumped|shot|shoot|shoots|drag|dragged|' +
  'hurt|hurts|hurting|grab|grabbed|throttle|throttled|knifed|headbutt|headbutted|stamp on|stamped on|beat up|beating up';
/** Being moved or leaving. */
const MOVING =
  'moved|moving|taken|taking (him|her|them)|leaving|driven|driving off|driving away|drove off|transported|shipped|' +
  'flown|put on a|put in a|bundled|dragged|setting off|departing|sold|handed over|snatched|grabbed';
/** Times that say now. */
const NOW = 'now|right now|tonight|this evening|any minute|any second|in a minute|as we speak|immediately';
/** Whoever controls or exploits the person. */
const EXPLOITER = 'trafficker|exploiter|pimp|boss|gangmaster|controller|handler|abuser|perpetrator|gang|captor|madam|owner|offender|dealer|suspect';
/** Where the exploiter is: at hand, on the way, watching. */
const NEARBY =
  'outside|here|nearby|near by|close by|downstairs|upstairs|next door|at the door|in the car|in a car|in the van|round the corner|' +
  'coming|on (his|her|their|the) way|watching|waiting|arrived|arriving|turned up|turning up|is back|are back|came back|coming back|looking for|following|listening';
/** "outside is the trafficker", "watched by the pimp". */
const NEARBY_BEFORE = 'watched by|followed by|waiting for|outside is|outside are|here is the|theres a';

/** Each pattern is one way people say "danger now". Word boundaries keep "threat assessment" apart. */
const URGENT_PATTERNS: readonly RegExp[] = [
  /\b(in|at) (immediate |serious |real |grave )?(danger|risk of harm|peril)\b/,
  /\bdanger(ous)? (now|right now|tonight|today)\b/,
  /\b(immediate|imminent|urgent) (danger|risk|threat|harm)\b/,
  /\b(life|lives) (is |are )?(at risk|in danger|threatened)\b/,
  /\bemergency\b(?! (housing|accommodation|support|medical|care|funding|payment))/,
  /\bthreat(en|ened|ening|ens)\b/,
  /\b(cant|cannot|can not|couldnt|not able to|unable to|not allowed to|wont let \w+|dont let \w+|wouldnt let \w+|wont allow \w+ to|not letting \w+) (leave|go|get out|escape|go home|walk away|get away)\b/,
  /\b(being|been|getting|was|were|is|are|got) (hurt|beaten|beat up|hit|attacked|assaulted|raped|abused|stabbed|shot|tortured|burned|burnt|kicked|punched|strangled|choked|injured|held|kept|locked|chained|tied up|trafficked right now)\b/,
  /\b(locked|shut|trapped|chained|tied) (in|up|inside|away)\b/,
  /\btrapped\b/,
  /\b(held|kept|keeping|holding) (captive|prisoner|hostage|against (his|her|their|my) will|against will)\b/,
  /\bagainst (his|her|their|my|your) will\b/,
  /\b(hostage|kidnap|kidnapped|kidnapping|abducted|abduction)\b/,
  /\b(knife|knives|gun|guns|firearm|weapon|weapons|machete|blade)\b/,
  /\b(bleeding|unconscious|not breathing|overdose|overdosed|collapsed|seriously (hurt|injured|ill))\b/,
  /\b(kill|killed|killing|murder|die|dying|suicide|suicidal|self harm|harm (him|her|them|themselves|himself|herself))\b/,
  /\b(help me|save me|get me out|rescue)\b/,
  /\b(scared|afraid|frightened|terrified|fear(s|ing)?) (for )?(his|her|their|my|your)? ?(life|lives|safety)\b/,
  /\b(unsafe|not safe) (now|right now|here|at home|tonight)\b/,
  /\b(right now|happening now|as we speak|at the moment|currently being)\b.*\b(forced|exploited|held|hurt|trafficked|abused|beaten|working|locked)\b/,
  /\b(forced|exploited|held|hurt|trafficked|abused|beaten|locked)\b.*\b(right now|happening now|as we speak|tonight)\b/,
  /\b(about to be|going to be|will be) (moved|taken|trafficked|sold|shipped|flown|married|hurt|killed)\b/,
  /\b(being|getting) (moved|taken|sold|trafficked) (tonight|today|now|right now|abroad)\b/,
  new RegExp(`\\b(took|taken|take|takes|taking|got|has|have|holding|kept|keeping|keep|confiscated|withheld|withholding|holds) ${PERSON}? ?(passport|passports|id|documents|papers)\\b`),
  /\b(nowhere (to go|safe)|no way out|cant get away|run away|ran away|escaped|fled|on the run)\b/,
  /\b(999|call police now|ring police now)\b/,
  /\b(locked|shut|trapped|chained|tied|kept|held) (\w+ ){1,3}(in|inside|up|indoors)\b/,
  /\b(on (their|there|the) way|coming|turning up|arriving) (to|for) (collect|get|take|pick|fetch|grab|find)\b/,
  /\b(coming|back) (for|after) (him|her|them|me|us)\b/,
  /\b(hurt|harm|kill|beat|attack|burn|punish) (his|her|their|my) (kids|children|child|family|son|daughter|mum|mother|dad|parents)\b/,
  /\bif (he|she|they|i|we) (tries|try|tried|attempts) to (leave|escape|run|go|get away|talk|speak|tell)\b/,
  /\b(terrified|petrified|panicking|screaming|crying for help)\b/,
  /\b(burn|set fire|torch)\b.*\b(house|flat|home|car|inside|down)\b/,
  /\b(flown|flying|taken|sent|shipped) (out|abroad|overseas|away) (tonight|tomorrow|today|this week|soon)\b/,
  /\bforced to (sleep with|have sex)\b/,
  /\b(wants|trying|tried|begging) (out|to escape|to get out|to leave)\b/,
  /\b(attack|attacked|assault|assaulted|stabbing|stabbed|raped|rape)\b/,
  // Violence in any tense. The -ing forms (and stab, strangle, rape) say violence whoever is named;
  // the plain and past forms need a person after them ("hit her", "kicked the lad") so "hit list" stays calm.
  new RegExp(`\\b(${VIOLENCE_ING})\\b`),
  /\b(stab|stabs|stabbings?|strangle|strangles|strangled|strangling|rapes|raping|rapist|smothering|suffocating|battered|glassed)\b/,
  new RegExp(`\\b(${VIOLENCE_VERB}) (\\w+ )?${PERSON}\\b`),
  // Body in trouble: breathing, consciousness, blood, drugs.
  /\b(cant|cannot|not|unable to|struggling to|hard to|trouble) (breathe|breath|breathing)\b/,
  /\b(unconscious|unresponsive|passed out|blacked out|not waking|wont wake|cant wake|fitting|seizure|choking|overdosing|od d|ods|head injury|badly hurt|injured|blood everywhere)\b/,
  // On the move now: someone taken, moved or leaving, with a time that says it is happening now.
  new RegExp(`\\b(${MOVING})\\b( \\w+){0,6} (${NOW})\\b`),
  new RegExp(`\\b(${NOW}) ( ?\\w+){0,4} ?\\b(${MOVING})\\b`),
  // The exploiter is at hand: outside, here, coming, watching.
  new RegExp(`\\b(${EXPLOITER})s? (\\w+ ){0,2}(${NEARBY})\\b`),
  new RegExp(`\\b(${NEARBY_BEFORE}) (\\w+ ){0,2}(${EXPLOITER})s?\\b`),
  // A person at risk is with the practitioner now.
  /\b(with me|with us|in my car|in the car with me) (now|right now|at the moment|here)\b/,
];

export function isUrgent(question: string): boolean {
  const text = cleanText(question);
  if (!text) return false;
  return URGENT_PATTERNS.some((pattern) => pattern.test(text));
}
