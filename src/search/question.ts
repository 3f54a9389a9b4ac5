// Reads a message the way a colleague would before answering it: which part is the question and which is
// the background ("PC on nights in Leeds. Stopped a van… What do I do?"), whether it is about someone under
// 18, whether it asks for a partnership or a contact (only then does a place name matter), whether it
// compares two things, and whether the writer has said it is not urgent.
import { cleanText, spelledOut } from './normalize.ts';

export interface QuestionPart {
  text: string;
  /** True for the sentences that ask; false for the background around them. */
  asks: boolean;
}

export interface QuestionReading {
  parts: QuestionPart[];
  /** Someone under 18, or who may be: the child route comes first. */
  child: boolean;
  /** Asks who covers a place, for a partnership, or for a way to reach someone: place names count. */
  wantsPlace: boolean;
  /**
   * A devolved jurisdiction the message names (Scotland, Northern Ireland), whose law and referral routes
   * differ from England and Wales: guidance written for England does not apply there.
   */
  jurisdiction: 'scotland' | 'northern-ireland' | undefined;
  /** "difference between X and Y", "X vs Y": both sides belong in the answer. */
  compares: boolean;
  /** "not urgent", "no immediate danger but…": the writer has said nobody is in danger now. */
  notUrgent: boolean;
  /** What kind of answer the asking sentences want: the signs to look for, what to do, or what a thing is. */
  wants: AnswerKind | undefined;
  /**
   * The message asks something (a question mark or an asking word), rather than only reporting what is
   * happening ("someone punching a woman outside the massage parlour").
   */
  asksSomething: boolean;
}

export type AnswerKind = 'signs' | 'action' | 'definition';

/** How people ask for each kind of answer (first match wins, in this order). */
const WANTS: readonly [AnswerKind, RegExp][] = [
  ['signs', /\b(signs?|indicators?|red flags?|spot|spotting|suspicious|look out for|looking out for|what to look for|look for|tell if|tell whether|how (do|would|can|could) (i|you|we) (know|tell|recognise)|clues?|warning)\b/],
  ['definition', /\b(what (is|are|was|were)( an?| the)?|whats( an?| the)?|what does .{1,40} mean|what do .{1,40} mean|meaning of|definition|define|explain|counts? as|is (it|this|that) (classed|classified|considered|counted) as)\b/],
  ['action', /\b(what (do|should|can|must) (i|we)|what to do|(who|where) to (tell|contact|call|ring|go|report|refer)|how to (refer|report|make a referral|notify)|what now|what next|next steps?|how (do|should|can) (i|we)|who (do|should|can) (i|we)|where (do|should|can) (i|we)|do (i|we) (need|have) to|process|procedure|route)\b/],
];

/** Words that open a question, or make a sentence one. */
const ASKING =
  /^(what|whats|how|hows|who|whos|whom|which|where|wheres|when|why|whys|can|could|cant|do|does|did|dont|doesnt|is|isnt|are|arent|was|were|should|shall|will|would|must|may|might|any|anyone|anybody|has|have|need|tell me|explain|help|advice|pls|please|is there|are there)\b/;
/** Asking words that can also sit inside a sentence and still make it the question. */
const ASKING_INSIDE =
  /\b(what (do|should|can|would|is|are|happens|next)|how (do|does|can|should|long|soon|quickly)|who (do|should|can|is|are|covers|runs|decides|makes)|where (do|can|should|is|are)|can (i|we|you|they|he|she|a|an|the|someone|police)|do (i|we|you|they) (need|have|still)|is (it|this|that|there|he|she|they)|does (it|this|that|he|she|the)|should (i|we)|any (advice|guidance|ideas|pointers|thoughts)|need (advice|guidance|to know)|wondering|not sure (what|how|who|whether|if))\b/;

/** Under 18 in words: the child route applies to anyone who is, or may be, a child. */
const CHILD_WORDS =
  /\b(child|childs|children|childrens|kid|kids|kiddie|minor|minors|teen|teens|teenager|teenagers|teenage|juvenile|juveniles|schoolboy|schoolboys|schoolgirl|schoolgirls|schoolkid|schoolkids|pupil|pupils|u18|u18s|under ?18s?|under ?age|underage|young person|young people|youngster|youngsters|looked after child|missing from care|missing from school|not in school|out of school|skipping school|school age|school uniform|year (7|8|9|10|11)|gcse|gcses|baby|babies|toddler|infant|unaccompanied|uasc|boy|boys|(little|young) (girl|girls|lad|lads)|looks? (much |a lot |far |way )?younger|looking (much |a lot |far )?younger|younger than (she|he|they) (says|say|claims|claim)|age (is )?(disputed|unknown|unclear|not known)|not sure (of|about) (his|her|their) age)\b/;
/** Ages written out: "15yo", "15 year old", "aged 16", "looks about 14", "says hes 17". */
const AGE_PATTERNS: readonly RegExp[] = [
  /\b(\d{1,2}) ?(yo|y o|yrold|yr old|yrs old|year old|years old|yearold|yr o)\b/g,
  // "looks about 14", "says hes 17": a number after these words is an age unless a unit follows it
  /\b(?:aged|age|about|around|maybe|approx|approximately|roughly|barely|looks|look|looked|looking|seems|hes|shes|im|turned|turning|claims|claiming|be|is|was|now|nearly|almost|only|reckon) (\d{1,2})\b(?! ?(days?|weeks?|months?|hours?|hrs?|minutes?|mins?|working|pm|am|percent|k|pounds|quid|people|men|women|workers|lads|girls|boys|times|miles|years? ago|of|or|to|\d))/g,
];

/** Asking for a partnership, the people of an area, or a way to reach someone: then a place is part of the question. */
const PLACE_ASK =
  /\b(partnership|partnerships|network|networks|forum|forums|coordinator|coordinators|coordination|anti slavery|antislavery|anti ?traf\w*|msht|local|area|areas|region|regional|patch|covers|cover|covering|covered|who runs|runs it|join|joining|link in|link up|link with|contact|contacts|number|numbers|phone|email|address|in my area|nearest|pcc|commissioner|mopac|mayor)\b/;

/**
 * The devolved jurisdiction the asking sentences (written out) name ("what are the Scotland rules…"), not one
 * in passing. Cleaning has already made "N Ireland" Northern Ireland and an "NI number" a National Insurance one.
 */
function jurisdictionOf(asking: string): 'scotland' | 'northern-ireland' | undefined {
  return SCOTLAND.test(asking) ? 'scotland' : NORTHERN_IRELAND.test(asking) ? 'northern-ireland' : undefined;
}

const SCOTLAND = /\b(scotland|scottish|police scotland)\b/;
const NORTHERN_IRELAND = /\b(northern ireland|psni|ni)\b/;

/** "difference between RG and CG", "RG vs CG", "compare". */
const COMPARES = /\b((differences?|diffs?) (between|betwen|from|of)|differ(s|ent)? from|vs|versus|compared? (to|with)|comparison|(is it|or) the same as|same thing as|or is it)\b/;

/** The writer says nobody is in danger now. */
const NOT_URGENT =
  /\b(not (urgent|an emergency|immediate|in (any )?(immediate )?danger|at (immediate )?risk)|non urgent|nonurgent|no (immediate|current|present|imminent) (danger|risk|threat|concern)|no (danger|risk) (now|right now|at the moment|currently)|(nobody|no one|noone|none of them) (is|was|seems|seemed|appears|appeared|looks|looked)( to be)? (in|at) (any )?(immediate )?(danger|risk)|(is|are) safe now|(is|are) safe at the moment|for (future|later) (ref|reference)|for future|future ref|for my own (knowledge|learning)|hypothetical|hypothetically|general question|just (wondering|curious|asking)|out of interest|for (a|my) (training|presentation|board paper|report))\b/;

export function readQuestion(question: string): QuestionReading {
  const cleaned = cleanText(question);
  const { notUrgent, parts } = partsOf(question, cleaned);
  const asking = spelledOut(askingText(parts));
  return {
    parts,
    child: mentionsChild(cleaned),
    wantsPlace: PLACE_ASK.test(cleaned),
    jurisdiction: jurisdictionOf(asking),
    compares: COMPARES.test(cleaned),
    notUrgent,
    wants: wantsOf(asking),
    asksSomething: /\?/.test(question) || parts.some((p) => ASKING.test(spelledOut(p.text)) || ASKING_INSIDE.test(spelledOut(p.text))),
  };
}

/**
 * The kind of answer the question wants, as a pseudo-term (`~signs`, `~action`, `~definition`) that the intent
 * model (intent-model.ts) learns from the entries' phrasings like any word. Stop words carry it, so without it
 * "what should I do if a child has been trafficked" and "signs a child has been trafficked" are the same two
 * words to the model. (The asking word as well — who, when, can — was measured and added nothing.)
 */
export function askedAs(wants: AnswerKind | undefined): string[] {
  return wants ? [`~${wants}`] : [];
}

/** The kind of answer a text wants, read as `readQuestion` reads it, without the rest of the reading (an entry's phrasings, at build). */
export function wantedIn(question: string): AnswerKind | undefined {
  return wantsOf(spelledOut(askingText(partsOf(question, cleanText(question)).parts)));
}

/** The message's sentences; "not urgent –" says how to read the rest, and its words ("urgent", "danger") are not what is asked about. */
function partsOf(question: string, cleaned: string): { notUrgent: boolean; parts: QuestionPart[] } {
  const notUrgent = NOT_URGENT.test(cleaned);
  return { notUrgent, parts: splitSentences(notUrgent ? withoutNotUrgent(question) : question) };
}

/** The asking sentences, together. */
export function askingText(parts: readonly QuestionPart[]): string {
  return parts.filter((p) => p.asks).map((p) => p.text).join(' ');
}

function wantsOf(asking: string): AnswerKind | undefined {
  return WANTS.find(([, pattern]) => pattern.test(asking))?.[0];
}

/** The question without its "not urgent" phrases (matched on the cleaned words, removed from the original). */
function withoutNotUrgent(question: string): string {
  const global = new RegExp(NOT_URGENT.source, 'g');
  // Work on a copy whose letters line up with the original: lower case, punctuation as spaces.
  const lined = question.toLowerCase().replace(/[’‘`´']/g, '').replace(/[^a-z0-9]/g, ' ');
  if (lined.length !== question.replace(/[’‘`´']/g, '').length) return question;
  const plain = question.replace(/[’‘`´']/g, '');
  let out = '';
  let last = 0;
  for (const m of lined.matchAll(global)) {
    out += plain.slice(last, m.index);
    last = m.index + m[0].length;
  }
  const rest = (out + plain.slice(last)).replace(/^[\s,.:;–—-]+/, '');
  return rest.trim() ? rest : question;
}

/** Sentences, each marked as asking or background. With no asking sentence, every sentence asks. */
function splitSentences(question: string): QuestionPart[] {
  const pieces = question
    .split(/(?<=[?!.;:])\s+|\n+|\s+[-–—]\s+/)
    .map((p) => p.trim())
    .filter((p) => cleanText(p).length > 0);
  if (pieces.length <= 1) return [{ text: question, asks: true }];
  const parts = pieces.map((text) => {
    const clean = spelledOut(text);
    // A fragment of a few words is a topic label ("DtN -", "Quick one re ICTG:"): it says what the question is about.
    const label = clean.split(' ').length <= 3;
    return { text, asks: label || /\?\s*$/.test(text) || ASKING.test(clean) || ASKING_INSIDE.test(clean) };
  });
  if (!parts.some((p) => p.asks)) return parts.map((p) => ({ ...p, asks: true }));
  return parts;
}

/** The writer says the person is an adult: "she's an adult, so it isn't a children's services matter". */
const SAYS_ADULT =
  /\b(shes|hes|theyre|(she|he|they|who|victim|client|patient|worker|person|man|woman) (is|are|was|were)( now)?) (an adult|adults|over 18|18 or over|not a (child|minor)|no longer a child)\b/;

function mentionsChild(text: string): boolean {
  for (const pattern of AGE_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const age = Number(m[1]);
      if (age >= 5 && age < 18) return true;
    }
  }
  // Child words about others (a school, the children's services the writer rules out) do not make an adult a child.
  if (SAYS_ADULT.test(text)) return false;
  return CHILD_WORDS.test(text);
}
