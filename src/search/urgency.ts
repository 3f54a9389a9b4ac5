// Does a question say someone is in danger now? Missing that is far worse than a needless 999 banner,
// so the patterns lean towards flagging. They run on cleaned text: lower case, apostrophes dropped
// (can't → cant), punctuation as spaces.
import { spelledOut } from './normalize.ts';

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
  // "here" as where someone was brought, not where the exploiter is: "owes the boss for his journey here"
  'outside|(?<!(?:journey|trip|passage|travel|flight|fare|crossing|ticket|brought (?:him|her|them|me|us)|bring (?:him|her|them|me|us)) )here|nearby|near by|close by|downstairs|upstairs|next door|at the door|in the car|in a car|in the van|round the corner|' +
  'coming|on (his|her|their|the) way|watching|waiting|arrived|arriving|turned up|turning up|is back|are back|came back|coming back|looking for|following|listening';
/** "outside is the trafficker", "watched by the pimp". */
const NEARBY_BEFORE = 'watched by|followed by|waiting for|outside is|outside are|here is the|theres a';

/**
 * Signs of risk that do not by themselves say danger now: a threat mentioned, a weapon, documents held,
 * someone who ran away. The 999 banner is still shown, but a question that clearly asks something else
 * ("they're threatened with being reported to immigration — is that forced labour?") keeps its answer.
 */
const RISK_PATTERNS: readonly RegExp[] = [
  /\burgent(ly)?\b/,
  /\bemergency\b(?! (housing|accommodation|accommodations|accom|accomm|shelter|support|medical|care|funding|payment|contacts?|numbers?|locksmiths?|repairs?|plumbers?|dentists?|dental|appointments?|prescriptions?|planning|vets?|budget))/,
  /\bthreat(en|ened|ening|ens)\b/,
  /\b(knife|knives|gun|guns|firearm|weapon|weapons|machete|blade)\b/,
  new RegExp(`\\b(took|taken|take|takes|taking|got|has|have|holding|kept|keeping|keep|confiscated|withheld|withholding|holds) ${PERSON}? ?(passport|passports|id|documents|papers)\\b`),
  /\b(nowhere (to go|safe)|no way out|cant get away|run away|ran away|escaped|fled|on the run)\b/,
  // how someone seems, and a child in adults' company: worrying, not by themselves danger now
  /\b(terrified|petrified|panicking)\b/,
  /\b(child|kid|baby|girl|boy|toddler|minor|teen|teenager|children|kids|\d+ ?yo|\d+ year old)s? (\w+ ){0,4}with (the |those |these |some |older |adult |two |three |strange )*(men|man|adults|strangers|blokes)\b/,
];

/** Each pattern is one way people say "danger now". Word boundaries keep "threat assessment" apart. */
const URGENT_PATTERNS: readonly RegExp[] = [
  /\b(in|at) (immediate |serious |real |grave )?(danger|risk of harm|peril)\b/,
  /\bdanger(ous)? (now|right now|tonight|today)\b/,
  /\b(immediate|imminent|urgent) (danger|risk|threat|harm)\b/,
  /\b(life|lives) (is |are )?(at risk|in danger|threatened)\b/,
  /\b(cant|cannot|can not|couldnt|not able to|unable to|not allowed to|wont let \w+|dont let \w+|wouldnt let \w+|wont allow \w+ to|not letting \w+) (leave|go|get out|escape|go home|walk away|get away)\b/,
  /\b(being|been|getting|was|were|is|are|got) (hurt|beaten|beat up|hit|attacked|assaulted|raped|abused|stabbed|shot|tortured|burned|burnt|kicked|punched|strangled|choked|injured|held|kept|locked|chained|tied up|trafficked right now)\b/,
  /\b(locked|shut|trapped|chained|tied) (in|up|inside|away)\b(?! (debt|a cycle|the cycle|poverty|bondage))/,
  /\btrapped\b(?! (in|into|by) (debt|a cycle|the cycle|poverty|bondage))/,
  /\b(held|kept|keeping|holding) (captive|prisoner|hostage|against (his|her|their|my) will|against will)\b/,
  /\bagainst (his|her|their|my|your) will\b/,
  /\b(hostage|kidnap|kidnapped|kidnapping|abducted|abduction)\b/,
  /\b(bleeding|unconscious|not breathing|overdose|overdosed|collapsed|seriously (hurt|injured|ill))\b/,
  // "meetings dying off", "dying to know": a figure of speech, not a life at risk.
  /\b(kill|killed|killing|murder|die|dying(?! (off|out|down|for|to))|suicide|suicidal|self harm|harm (him|her|them|themselves|himself|herself))\b/,
  // …but not a request for help with a task: "can you help me make the slides", "help me understand the NRM".
  /\b(help me(?! (to |with |understand|make|find|fill|write|get (a|an|the|some|my|our|hold)|know|work out|figure|decide|plan|prepare|draft|sort|set up|put together|learn|check|think|answer|explain|create|design|format|improve|update|complete|organise|organize|arrange|book|present|choose|read|word|phrase|compare|summarise|summarize))|save me|get me out|rescue)\b/,
  /\b(scared|afraid|frightened|terrified|fear(s|ing)?) (for )?(his|her|their|my|your)? ?(life|lives|safety)\b/,
  /\b(screaming|crying for help)\b/,
  /\b(unsafe|not safe) (now|right now|here|at home|tonight)\b/,
  /\b(right now|happening now|as we speak|at the moment|currently being)\b.*\b(forced|exploited|held|hurt|trafficked|abused|beaten|working|locked)\b/,
  /\b(forced(?! entry)|exploited|held|hurt|trafficked|abused|beaten|locked)\b.*\b(right now|happening now|as we speak|tonight)\b/,
  /\b(about to be|going to be|will be) (moved|taken|trafficked|sold|shipped|flown|married|hurt|killed)\b/,
  /\b(being|getting) (moved|taken|sold|trafficked) (tonight|today|now|right now|abroad)\b/,
  /\b(999|call police now|ring police now)\b/,
  /\b(locked|shut|trapped|chained|tied|kept|held) (\w+ ){1,3}(in|inside|up|indoors)\b/,
  /\b(on (their|there|the) way|coming|turning up|arriving) (to|for) (collect|get|take|pick|fetch|grab|find)\b/,
  /\b(coming|back) (for|after) (him|her|them|me|us)\b/,
  /\b(hurt|harm|kill|beat|attack|burn|punish) (his|her|their|my) (kids|children|child|family|son|daughter|mum|mother|dad|parents)\b/,
  /\bif (he|she|they|i|we) (tries|try|tried|attempts) to (leave|escape|run|go|get away|talk|speak|tell)\b/,
  /\b(burn|set fire|torch)\b.*\b(house|flat|home|car|inside|down)\b/,
  /\b(flown|flying|taken|sent|shipped) (out|abroad|overseas|away) (tonight|tomorrow|today|this week|soon)\b/,
  /\bforced to (sleep with|have sex)\b/,
  /\b(wants|trying|tried|begging) (out|to escape|to get out|to leave)\b/,
  /\b(attack|attacked|assault|assaulted|stabbing|stabbed|raped|rape)\b/,
  // Violence in any tense. The -ing forms (and stab, strangle, rape) say violence whoever is named;
  // the plain and past forms need a person after them ("hit her", "kicked the lad") so "hit list" stays calm.
  new RegExp(`\\b(${VIOLENCE_ING})\\b`),
  /\b(stab|stabs|stabbings?|strangle|strangles|strangled|strangling|rapes|raping|rapist|smothering|suffocating|battered|glassed)\b/,
  // …not a thing hit: "someone hit my parked car", "hit the targets".
  new RegExp(`\\b(${VIOLENCE_VERB}) (\\w+ )?${PERSON}\\b(?!( \\w+)? (car|cars|van|vans|vehicle|bike|bumper|mirror|fence|wall|gate|bollard|targets?|deadlines?|budget|phone|laptop)\\b)`),
  // Body in trouble: breathing, consciousness, blood, drugs.
  /\b(cant|cannot|not|unable to|struggling to|hard to|trouble) (breathe|breath|breathing)\b/,
  /\b(unconscious|unresponsive|passed out|blacked out|not waking|wont wake|cant wake|fitting|seizure|choking|overdosing|od d|ods|head injury|badly hurt|injured|blood everywhere)\b/,
  // On the move now: someone taken, moved or leaving, with a time that says it is happening now.
  new RegExp(`\\b(${MOVING})\\b( \\w+){0,6} (${NOW})\\b`),
  new RegExp(`\\b(${NOW}) ( ?\\w+){0,4} ?\\b(${MOVING})\\b`),
  // The exploiter is at hand: outside, here, coming, watching ("her trafficker has found her and is outside").
  new RegExp(`\\b(${EXPLOITER})s? (\\w+ ){0,5}(${NEARBY})\\b`),
  new RegExp(`\\b(${NEARBY_BEFORE}) (\\w+ ){0,2}(${EXPLOITER})s?\\b`),
  // A person at risk is with the practitioner now.
  /\b(with me|with us|in my car|in the car with me) (now|right now|at the moment|here)\b/,
];

/** Who may be the controller, named or not, when they are said to be at hand. */
const WHO_AT_HAND =
  `${EXPLOITER}|he|she|they|hes|shes|theyre|the (man|men|guy|guys|bloke|blokes|driver|drivers|woman|lads|minder|minders)|` +
  'a (man|guy|bloke|driver|car|van)|two (men|guys|blokes)|some (men|guys|blokes)';

/** Words for people, as typed. */
const PEOPLE =
  'people|ppl|person|persons|someone|somebody|some1|kids|kid|children|child|babies|baby|bodies|body|men|women|girls|boys|lads|' +
  'migrants|stowaways|clandestines|adults|family|families|workers|guys|blokes|voices|folk|man|woman|girl|boy|lad|bloke';
/** Where people are hidden on the road or at a port. */
const VEHICLE =
  'lorry|lorries|truck|trucks|van|vans|container|containers|boot|trailer|trailers|hgv|hgvs|artic|wagon|minibus|' +
  'back of (a|the) (car|van|lorry|truck)|cab|compartment|crate|tanker|shipping container|reefer';
/** Sounds of someone shut in. */
const SOUNDS = 'banging|knocking|shouting|screaming|crying|tapping|yelling|kicking|thumping|hammering|scratching|voices|noises|noise|cries|moaning';
/** Ways a message reaches the practitioner. */
const MESSAGED =
  'texted|txted|txt|text|texts|texting|messaged|msgd|msg|message|whatsapped|whatsapp|snapchat|snapchatted|dmd|dm|rang|rung|' +
  'phoned|called|calling|voicemail|voice note|emailed|wrote';
/** What a victim's message says. */
const PLEA =
  'help\\b(?! (with|on|about|for (a|the|my|our|an)|line|desk|is available|available|services?|and support))|sos|save (me|us)|rescue (me|us)|come (and )?get (me|us)|' +
  'come and help|get me out|get us out|pick (me|us) up|im scared|im trapped|please come|they wont let';

/**
 * Categories of danger now, each matched by kinds of word rather than fixed phrases, so phrasings nobody
 * wrote down still flag: being kept in, people hidden in vehicles, a victim's cry for help, and more
 * forms of violence, bodies in trouble, being moved, threats and children with adults.
 */
const CATEGORY_PATTERNS: readonly RegExp[] = [
  // Kept in: "wont let me out", "will not let him leave", "never let out", "not allowed out".
  /\b(wont|will not|wouldnt|would not|dont|do not|doesnt|does not|didnt|did not|never|not|cant|cannot|no one|nobody) (let|lets|letting|allow|allows|allowing|allowed) (\w+ ){0,2}(out|go|leave|outside|home|escape|free|off)\b/,
  /\blet (me|us|her|him|them|you) (out|go|leave)\b/,
  /\b(not|never|isnt|arent|wasnt|werent) (allowed|permitted|able) (to )?(out|outside|leave|go out|go outside|go home|get out)\b/,
  /\b(cant|cannot|can not|couldnt|unable to) (get|go|come|break) (out|outside|free)\b/,
  /\b(kept|keeping|keep|keeps|held|holding|stuck|shut) (\w+ ){0,3}(inside|indoors|locked|prisoner|captive|in a room|in the room|in (a|the) (basement|cellar|shed|loft|attic|garage|cupboard|cage|container|back room))\b/,
  /\b(locked|bolted|barred|padlocked|boarded) (\w+ ){0,2}(doors?|windows?|gates?|rooms?|from (the )?outside)\b/,
  /\b(doors?|windows?|gates?|rooms?) (\w+ ){0,2}(locked|bolted|barred|padlocked)\b/,
  /\b(chained|shackled|handcuffed|cable tied|tied up|caged|in a cage|imprisoned|captive|held prisoner|kept prisoner)\b/,
  // Hidden in a vehicle or container: "people in the back of a lorry", "lorry with people inside".
  new RegExp(`\\b(${PEOPLE}) (\\w+ ){0,3}(in|inside|hidden in|hiding in|concealed in|locked in|under|in the back of|crammed in|packed in|stuck in) (\\w+ ){0,3}(${VEHICLE})\\b`),
  new RegExp(`\\b(${VEHICLE}) (\\w+ ){0,3}(with|full of|containing|carrying|has|had|of) (\\w+ ){0,2}(${PEOPLE})\\b`),
  new RegExp(`\\b(${PEOPLE}) (inside|hidden|hiding|concealed|crammed|packed|squashed|squeezed|smuggled)\\b`),
  // The writer is the one hidden: "me in boot of car", "were stuck in the back of a van".
  new RegExp(`\\b(me|us|im|i am|were|we are) (\\w+ ){0,1}(in|inside|locked in|stuck in|hidden in|hiding in|in the back of) (the |a )?(${VEHICLE})\\b`),
  // Seen as it happens: "happening in front of me", "going on right in front of us".
  /\b(happening|going on|kicking off) (right )?(now )?in front of (me|us)\b/,
  new RegExp(`\\b(${SOUNDS}) (\\w+ ){0,3}(inside|in the back|in there|within|from the back|in the (${VEHICLE}))\\b`),
  new RegExp(`\\b(hear|hears|heard|hearing) (\\w+ ){0,3}(${SOUNDS})\\b`),
  /\b(hear|hears|heard|hearing) (\w+ ){0,2}(people|someone|somebody|kids|children|a child|a baby|a girl|a woman|a man)\b(?! (say|says|said|saying|talk|talking|mention|mentioning|ask|asking))/,
  /\b(stowaway|stowaways|clandestines found|people smuggled in)\b/,
  // A victim's cry for help: "texted me saying help", "msg saying plz help", "rang me begging".
  new RegExp(`\\b(${MESSAGED}) (\\w+ ){0,5}(${PLEA})`),
  /\b(saying|says|said|shouting|screaming|yelling|crying|begging|pleading|calling) (for )?(help|sos|save me|come get me)\b(?! (with|on|about|is|available|services?|and support|line))/,
  /\b(please|plea) help (me|us|her|him|them|they|hes|shes|im)\b/,
  // "help please, how do I fill in the NRM form" asks for help with a task: not a plea.
  /\bhelp (help|please|they|theyre|hes|shes|im|were|i cant|i am)\b(?! (\w+ )?(how|what|where|who|which|when|with|on|understanding|to (fill|find|understand|complete|make|write)|i need (to|some|advice|guidance)|need (to|some|advice|guidance)|can|could|is there|does|do))/,
  /\b(sos|mayday)\b/,
  // "forced begging and shoplifting" names a kind of exploitation, not a plea.
  /\b(?<!forced )(begging|begged|pleading|pleaded) (\w+ ){0,2}(me|us|to|for|not)\b/,
  /\b(screaming|screamed|screams|scream|shrieking|wailing|sobbing|crying out|cries for help|cry for help|calls for help)\b/,
  /\bcome (and )?get (me|us|her|him|them)\b/,
  // More violence, bodies in trouble, being moved, threats, children with adults.
  /\b(smashing|smashed|smash|slamming|slammed|bashing|bashed|booting|booted|stamping|kicking off|beating|pistol whipped) (\w+ ){0,2}(her|his|their|my|him|them|me|head|face)\b/,
  /\b(not|isnt|stopped|no longer) (moving|responding|responsive|breathing|conscious|waking)\b/,
  /\b(turned|turning|gone|going|went) (blue|grey|gray|purple)\b/,
  /\b(bleedin|bleedn|bleding|bleeding out|bleeds|lots of blood|so much blood|blood pouring|covered in blood|cant stop the blood)\b/,
  /\b(taking|took|putting|put|loading|bundling|pushing|forcing|dragging) (the |those |these |some |them |her |him )?(\w+ ){0,2}(girls|boys|kids|children|women|men|workers|lads|people|victims?) (\w+ ){0,4}(away|into|in|out|onto)\b/,
  /\b(picked up|picking up|collected|collecting|taken away|being taken|being collected) (\w+ ){0,6}(now|tonight|today|soon|this evening|any minute)\b/,
  /\b(going to|gonna|gunna|gna|about to|will|wants to|want to|threatened to|said hed|says hell|said theyd) (hurt|kill|harm|beat|attack|stab|shoot|rape|batter|burn|do (him|her|them|me) in|get (him|her|them|me))\b/,
  /\bdo (him|her|them|me|us) in\b/,
  /\b(child|kid|baby|girl|boy|toddler|minor|teen|teenager|children|kids|\d+ ?yo|\d+ year old)s? (\w+ ){0,3}(alone|on (his|her|their) own|left) (\w+ ){0,2}(with|in)\b/,
  /\b(pimp|trafficker|gangmaster|captor|exploiter|abuser|controller)s? (\w+ ){0,3}(here|there|at|outside|inside|in|coming|with)\b/,
  // Help being kept away, or an injury: "telling everyone not to call an ambulance", "fell off a roof".
  // …but not the writer's own choice: "I don't want to ring the police", "she doesn't need to call an ambulance".
  /\b(not|dont|do not|wont|stop\w*|stopped|refus\w*|block\w*) (?!(want|wish|need|have|like|feel like|mean|plan|intend) to )(\w+ ){0,2}(call|ring|phone|get|dial) (an |the )?(ambulance|paramedics|police|999|help|doctor)\b/,
  /\b(fell|fallen|falling) (off|from|down)\b|\bambulance\b(?! (service|services|trust|trusts|station|stations|volunteers?|jobs?|careers?|dispatch))/,
  // Being taken somewhere unknown: "doesn't know where they're taking her".
  /\b(dont|doesnt|do not|does not|didnt|not) know where (they|he|she|were|we) ?(are|is|re|were)? ?(taking|driving|moving|bringing|sending)\b/,
  /\b(saying|says|said|texted|messaged|snapchatted) (that )?(she|he|they|shes|hes|theyre|im)( is| are| was| were)? (scared|terrified|frightened|in danger|trapped)\b/,
  // Being taken away: "seen getting into a car with two older men", "bundled into a van".
  /\b(getting|got|get|gets|pulled|bundled|forced|dragged|put|ushered) (in|into|in to) (a|an|the|his|their|some) (\w+ ){0,2}(car|van|taxi|vehicle|lorry|truck|minibus)\b/,
  // A person bought or sold: "he paid for her", "they bought the girls", "sold her to" (not "paid for her
  // ticket", "pays her almost nothing", "paying them to carry bags": wages and travel are signs to ask about,
  // not danger now).
  /\b((paid|pay|pays|paying) for|bought|buy|buys|buying|sold|sell|sells|selling) (for )?(her|him|them|the (girl|girls|boy|boys|woman|women|kids|children|baby))\b(?! (a|an|the|some|any|rent|wages|money|back|car|house|flat|home|phone|stuff|things|belongings|business|shop|train|ticket|tickets|flight|flights|fare|fares|travel|visa|bus|coach|to)\b)/,
  // A baby or child about to be taken.
  /\b(take|taking|took|snatch|snatching|steal|stealing) (the|her|his|their|my) (baby|babies|child|children|kids|kid|son|daughter)\b/,
  // Whoever controls them is at hand, named or not: "he's outside now", "the driver is waiting for her".
  new RegExp(`\\b(${WHO_AT_HAND}) (is |are |s |re )?(still )?(outside( now| waiting| watching| in (a|the) (car|van)| the (house|flat|door|front door|back door|school|shop|clinic|surgery|hospital|building|hotel|room|ward|station|office|refuge|property|address|salon|nail bar|car wash|takeaway))?$|outside (now|waiting|watching|in (a|the) (car|van)|the (house|flat|door|front door|back door|school|shop|clinic|surgery|hospital|building|hotel|room|ward|station|office|refuge|property|address|salon|nail bar|car wash|takeaway))\\b|at the (front |back )?door|in the car outside|parked outside|waiting (for (her|him|them|me|us)( (at|outside|now|downstairs)\\b| in (a|the) (car|van)\\b|$)|outside)|watching (her|him|them|us|me|the house|the flat)|sat outside|sitting outside|on (his|her|their) way (back|here|over)|coming back)`),
  // A quiet plea: a note passed, words whispered or mouthed, a sign held up.
  /\b(passed|slipped|pushed) (me |us |her |him |the \w+ )?(a )?(note|napkin|piece of paper|scrap of paper)\b/,
  /\b(note|napkin|paper|receipt|card) (\w+ ){0,3}(saying|says|said|with) (help|sos|please)\b/,
  /\b(whispered|whispering|mouthed|mouthing|signalled|signaled|gestured|blinked) (\w+ ){0,3}(help|sos|save me|get me out)\b/,
  // Sold or handed on: "being sold", "they're selling her".
  /\b(she|he|they|shes|hes|theyre|girls?|boys?|kids?|children|women|woman|man|men|people|baby|her|him|them|me|us)( is| are| s| re)? (being|getting|to be|gonna be|going to be) (sold|bought|traded)\b/,
  /\b(selling|sell|sold) (her|him|them|the (girl|girls|boy|boys|woman|women|kids|children|baby)) (to|on|off)\b/,
  // Collected or leaving at a set time soon: "picking them up at 10", "flight at 6am", "leaving at midnight".
  /\b(pick(ing|ed)? (her|him|them|us|me) up|(collect|collecting|picking up|pick up|moving|taking) (the |those |these |some |all the )?(her|him|them|us|me|workers|girls|boys|kids|children|women|men|lads|people)|being (picked up|collected|moved|taken)) (\w+ ){0,3}(at|by|before) (\d{1,2}( ?[ap]m|[:.]\d\d)?|midnight|midday|noon|dawn|first light)\b/,
  // Fire with people inside.
  /\b(on fire|fire in|house fire|flat fire|smoke (coming|pouring|everywhere)|set alight|alight)\b/,
  /\b(fire|smoke) (\w+ ){0,4}(inside|in there|trapped|locked|people|kids|children)\b/,
  // Drugged or spiked.
  /\b(drugged|spiked|sedated|injected (her|him|them|me)|forced (to take|drugs into)|given something)\b/,
  // A call cut off, silence after a plea.
  /\b(line|phone|call) (went|has gone|just went) (dead|silent|quiet)\b|\b(call|phone|line) (got |was )?(cut off|dropped|ended suddenly)\b|\b(hung up|cut off) (mid|suddenly|halfway|in the middle)\b/,
  // Someone coming for them, or at their door: "they found me, they're at my door", "men are coming", "knocking now".
  /\b(they|he|she|men|man|theyre|hes|shes|people|guys|blokes|someone|somebody) (are |is |re |s )?(at (my|her|his|our|their|the) (door|front door|window|gate)|knocking|banging on|trying to get in|breaking in|kicking (the|my|her) door)\b/,
  /\b(they|he|she|men|theyre|hes|shes|people|guys) (are |is |re |s )?(coming|on (their|his|her) way) *($|now|for (her|him|them|me|us)|to (get|take|find|collect|grab|the (house|flat|door|refuge|hotel|hospital|ward|school))|here|over now|round now)/,
  /\b(found|tracked down|followed) (me|us|her|him|them) (\w+ ){0,3}(at|outside|here|now)\b|\bthey (found|know where) (me|we|i)\b/,
  /\b(after|chasing|hunting|looking for) (him|her|them|me|us)\b (\w+ ){0,4}(now|outside|here|car|across)/,
  /\bmen (are|were) after\b/,
  // Being forced, pushed or got into a vehicle, or taken away now.
  /\b(pushed|pushing|forced|forcing|bundled|bundling|dragged|dragging|shoved|shoving|put|putting|trying to get|trying to put|getting|got) (\w+ ){0,3}(into|in to|in) (the |a |an |his |their |her )?(\w+ ){0,4}(a |an |the )?(car|van|minibus|taxi|cab|boot|transit|lorry|truck|coach|vehicle|bmw|audi|merc|golf)\b/,
  /\b(in|into) (a|the) (car|van|taxi) with (\w+ ){0,2}(men|man|adults|strangers|blokes|guys)\b/,
  /\b(they|theyre|he|hes|she|shes|men|someone|the (men|man|driver|boss)) (are |is |re |s )?(taking|driving|moving) (her|him|them|me|us|the (girls|boys|workers|women|men|lads|kids)) (\w+ ){0,3}(to|towards) (a |the )?[a-z]+/,
  /\b(being|are being|is being) (put|loaded|bundled|herded|forced) (on|onto|into|in) (a |an |the )?(\w+ )?(coach|bus|minibus|van|lorry|truck|boat|car)\b/,
  /\b(heading|going|driving) (up|down|along|towards|to) (the )?(m\d+|a\d+|motorway|airport|port|docks)\b/,
  /\b(taken|snatched|grabbed) (\w+ ){0,3}(from|outside|off) (\w+ ){0,3}(by|minutes ago|mins ago|just now)\b/,
  /\b(take|sell|move|send) (her|him|them|me|us) (\w+ ){0,2}(tonight|today|tomorrow|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this (week|weekend|evening))\b/,
  /\b(moved|taken|put on|leaving|shipped|sent|collected|picked up|driven|flown)\b( \w+){0,6} (within the hour|in the next (hour|few minutes|\d+ (mins|minutes)))\b/,
  /\b(sell|sold|selling) me\b/,
  // A plea written on anything to hand.
  /\b(wrote|written|writes|writing|scribbled|mouthed) ["']?(help|sos|save me)\b/,
  // Hands tied, held by the throat, told to hide or jump.
  /\b(hands|feet|legs|wrists) (\w+ )?(tied|bound|taped|cuffed)\b/,
  /\b(by|round|around) (the|her|his|their) (throat|neck)\b/,
  /\b(jump|jumping) (off|from)\b|\b(rather|going to|gonna|threatening to) (jump|end it|kill (himself|herself|themselves|myself))\b|\bon the (ledge|edge of the roof|bridge)\b|\bjump or\b/,
  /\b(cut|cutting|slit|slashed) (his|her|their|my) (wrists?|arms?|throat)\b/,
  /\bget (back )?in(to)? the (cupboard|cellar|basement|shed|room|van|boot)\b/,
  /\b(getting|got|is being|are being|becoming) (violent|physical)\b|\b(getting|got|is being|becoming) (aggressive|nasty|threatening) (with|towards|to|at) (me|us|her|him|them|staff|reception|the (nurse|staff|receptionist|officer))\b|\b(getting|got) aggressive at reception\b/,
  /\b(torch|torching|burn down|burn out) (the|her|his|their|my|this) (place|house|flat|home|car|shop)\b/,
  /\b(full of|filling with|thick) smoke\b/,
  /\b(locked|padlocked|sealed) (caravan|car|van|container|room|shed|loft|hatch)\b|\b(loft|hatch|cellar|basement|shed) (\w+ ){0,2}(is |was )?(padlocked|locked|bolted)\b/,
  /\b(waiting|sat|sitting|parked) (at|outside|by) (the |a )?(\w+ )?(gate|gates|door|school|house|flat|entrance) (\w+ ){0,2}to (take|get|grab|collect|pick)\b/,
  /\b(theyre|they are|hes|he is|shes|she is|men are) (coming|on (their|his|her) way)( (back|here|now|in|up|over|round|for (her|him|them|me|us)|to (get|take|find|collect|grab)\b)|$)/,
  /\b(knocking|banging|hammering) (on (the|my|her|his|our) door )?(now|right now)\b|\b(hes|he is|shes|she is|theyre|they are) coming (down|up|back|in|over|here|round|for)\b/,
  /\b(driven|taken|being driven|being taken) (\w+ ){0,5}by (\w+ ){0,2}(men|man|adults|strangers|blokes|guys)\b/,
  /\b(is|are|s|re|started|keeps|kept|now) (shouting|screaming|yelling|swearing|squaring up|lunging) (at|towards) (me|us)\b/,
  // Showing they know where the person is: "texted a photo of her front door".
  /\b(sent|texted|posted|messaged|received|got|snapchatted|whatsapped|their|his) (\w+ ){0,3}(photo|picture|pic|video|screenshot) of (her|his|my|their|the|our) (\w+ )?(door|house|flat|address|car|school|room|kids|children|family)\b/,
  // A child in distress with an adult: "crying and says she wants her mum".
  /\b(crying|sobbing|screaming|begging|shaking)\b( \w+){0,6} (wants|asking for|for) (her|his) (mum|mam|mom|mummy|mother|dad|daddy|parents)\b/,
  // Kept from help: "won't let us transfer her", "blocking our exit", "barricaded the door".
  /\b(wont|will not|refus\w* to|not|wouldnt|wouldn t) let (us|me|them|the \w+|staff|crew|paramedics) (take|transfer|treat|examine|leave|out)\b/,
  /\b(blocking|blocked|barricaded|barricading) (\w+ ){0,2}(exit|way out|door|doors|entrance|room)\b/,
  /\b(trying to|about to|going to|gonna|attempting to) (take|remove|drag|pull|snatch|get) (\w+ ){0,5}(away|out|off the ward|from)\b/,
  // A body in trouble, in clinical words too.
  /\b(semi ?conscious|severely dehydrated|crush injury|heart rate (dropping|falling|crashing)|obs (crashing|dropping|falling)|not making sense|not wak(in|ing) up|wont wake up|sats (dropping|falling))\b/,
  // An alarm or a code word: "panic alarm just triggered", "sent our code word", "code red".
  /\b(panic alarm|personal alarm|attack alarm) (\w+ ){0,2}(triggered|activated|went off|pressed|sounding)\b|\b(sent|said|used|texted) (our|the|her|his|their) (code word|safe word|codeword)\b|\bcode red\b/,
  /\b(police|ambulance) (pls|plz|please|asap|now)\b(?! (advise|confirm|explain|tell|let|help with|clarify|can|could))|\b(send|get|call) (the )?(police|ambulance|help) (\w+ )?(now|asap|pls|plz|please)\b/,
  /\b(going to|gonna|about to|wants to|will) sell (it|her|him|them|the baby|the child|the kids)\b(?! (car|house|flat|home|phone|stuff|things|belongings|business|shop|story))/,
  /\bdoors? (is |s |has |got )?(jammed|stuck|wont open)\b|\bstuck (in|inside) (the|a) (freezer|fridge|container|cold room|room|lorry|van)\b/,
  /\b(making|makin|forcing|forcin) (her|him|them|me|us) (drink|swallow|eat|inject|take (drugs|pills|something))\b/,
  /\b(pushed|forced|thrown|dragged|held) (\w+ ){0,2}(into|under) (the )?(canal|river|water|sea|lake|fire|pond|dock)\b/,
  /\b(throw|throwing|threw|push|pushing|pushed) (him|her|them|me|us) (off|from|out of|over|down) (the |a )?(balcony|balcany|roof|bridge|window|ledge|stairs|edge|cliff)\b/,
  /\b(hiding|hidin|hidden|clinging|hanging on|strapped) (in|under|on|to|underneath) (the |a )?(wheel arch|wheelarch|axle|underside|chassis|roof of)\b/,
  // Followed now.
  /\b(being|getting|is being|are being) (followed|chased|stalked|tracked)\b|\b(following|chasing) (me|us|her|him|them) (now|right now|home|down|round|around)\b/,
];

/**
 * `now`: someone is in danger now; `risk`: a sign of risk without saying now; `past`: danger told as over,
 * imagined or asked about in general ("last year", "safe now", "training scenario", "what are the signs");
 * `none`. Every level but `none` shows the 999 banner; only `now` may replace the answer with the
 * danger-now guidance.
 */
export type Urgency = 'now' | 'risk' | 'past' | 'none';

/**
 * The writer says the danger is over: "she is safe now", "safe in a refuge", "nobody was hurt". What happened
 * is background then: the banner stays and the question keeps its answer. "Yet" keeps it
 * danger now ("nobody hurt yet").
 */
const SAFE_NOW =
  /\b(training|scenario|exercise|drill|role ?play|case study|not a real|hypothetical|hypothetically|hypotheticaly|in the news|news report|what would (i|we|you) do if|what are (the )?(signs|indicators)|how (do|would|can|could|should) (i|we|you|staff|officers) (spot|tell|know|recognise|recognize|identify)|no sign of (any )?(immediate )?(risk|danger)|nothing (is )?happening now|safe (accommodation|house now)|safe with|safe and settled|(home|back|out) (now )?and safe|safe and (well|sound)|has since|since (moved|left|gone)|(is|are|feels?|shes|hes|theyre|im) (fine|ok|okay|alright|well|settled) now|been rescued|was rescued|raided)\b|\b((is|are|was|were|now|been|got|getting|feels?) (now |all )?(safe|somewhere safe|out of danger|out of there|away from (him|her|them))( now| in| at| with| and|$)|(nobody|no one|noone|none of them) (was |is |got |were )?(hurt|injured|harmed)\b(?! yet))/;

/** The danger is told as in the past: "last year", "two months ago", "used to be"… */
const BEFORE =
  /\b((last|previous) (week|month|year|summer|winter|spring|autumn)|(a|one|two|three|four|five|six|few|couple of|couple|\d+) (days|weeks|months|years|year|month|week) ago|a while ago|used to (be|get)|earlier this (year|month)|in (19|20)\d\d)\b/;
/**
 * …unless something is happening now as well: "we referred him last month and he has just rung…". What
 * lingers from the harm ("still has nightmares", "still gets flashbacks") is not danger now.
 */
const PRESENT =
  /\b(just|right now|now|currently|at the moment|tonight|as we speak|still(?! (has|have|gets|get|having|getting|suffers|suffering|struggles|struggling) (\w+ )?(nightmares|flashbacks|scars|pain|panic attacks|trauma|ptsd|anxiety|bad dreams|with))|this (morning|afternoon|evening))\b/;

/**
 * A claim about what counts in general, the way myths are written: "it's only forced labour if the person is
 * locked up", "it isn't trafficking unless they're moved". Nobody in particular is in danger in it.
 */
const IN_GENERAL =
  /\b((it s|its|it is) only|only (counts?|classed|classes|is|qualifies) as|(it s|its|it is) not|(it )?(isn t|isnt|is not|doesn t count as|doesnt count as|can t be|cant be)) (\w+ ){1,4}(if|unless|when)\b/;

export function toldAsOver(text: string): boolean {
  return SAFE_NOW.test(text) || ((BEFORE.test(text) || IN_GENERAL.test(text)) && !PRESENT.test(text));
}

export function urgencyOf(question: string): Urgency {
  const text = spelledOut(question);
  if (!text) return 'none';
  if (URGENT_PATTERNS.some((pattern) => pattern.test(text)) || CATEGORY_PATTERNS.some((pattern) => pattern.test(text))) {
    return toldAsOver(text) ? 'past' : 'now';
  }
  if (!RISK_PATTERNS.some((pattern) => pattern.test(text))) return 'none';
  return toldAsOver(text) ? 'past' : 'risk';
}

/** Does the question say someone may be in danger (now, or a sign of risk)? Then the 999 banner leads. */
export function isUrgent(question: string): boolean {
  return urgencyOf(question) !== 'none';
}
