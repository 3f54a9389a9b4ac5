// Danger-now phrasings by category, none of them copied into the patterns: written as officers and
// victims type (typos, no punctuation, text-speak), run through `ask --json` on the shipped knowledge.
import { describe, expect, it } from 'vitest';
import { askAll, type AskJson } from './ask-json.ts';
import { isUrgent } from '../../src/search/urgency.ts';

/** Kept in, not let out, locked up. */
const CONFINED = [
  'she texted me saying help they wont let me out',
  'they wont let her out the house',
  'he says they will not let him leave',
  'let me out pls they locked the door',
  'girls kept inside the flat all day never let out',
  'shes not allowed out of the house by the men',
  'cant get out door is locked from outside',
  'theres a man chained up in the shed',
  'worker shut in a back room at the car wash',
  'women held behind locked doors above the nail bar',
  'kids locked up in a basement',
  'my client is trapped in the loft',
  'he is being kept prisoner in a flat',
  'they wont let u out till u pay',
  'lad stuck inside a locked room cant get out',
];

/** People hidden in a vehicle or container. */
const CONCEALED = [
  'lorry with people inside container at the port, can hear banging',
  'people in the back of a lorry at the services',
  'kids inside a van parked up on the estate',
  'someone in the boot of a car',
  'bodies in a trailer at the truck stop',
  'knocking coming from inside the container',
  'can hear shouting from the back of the truck',
  'stowaways found in a hgv at dover',
  'think theres ppl hidden in the lorry',
  'migrants crammed in a refrigerated trailer',
  'banging from inside a shipping container on the dock',
  'can hear voices in the container',
];

/** A victim's message or cry for help. */
const DISTRESS = [
  'msg from a girl saying plz help',
  'victim rang me begging me to come and get her',
  'got a txt sos from a worker on the farm',
  'she whatsapped me saying save me',
  'he called me crying saying help',
  'woman screaming in the flat above the shop',
  'can hear a girl crying for help next door',
  'she messaged come get me please',
  'text from him says pls help they took my phone',
  'girl texted me thru snapchat saying help',
];

/** Violence, bodies in trouble, being moved, exploiter at hand, threats, weapons, children. */
const OTHER = [
  'hes smashing her head against the wall',
  'shes not moving on the floor',
  'lips gone blue and not responding',
  'they are taking the girls away in a minibus now',
  'kids being picked up by older men tonight',
  'he said hed kill her if she talks',
  'bloke has got a machete',
  'u need to come now hes going to hurt her',
  'theyre gonna do him in',
  'a child is alone with the men at the car wash',
  'her pimp is at the door',
  'he has a gun to her head',
  'he is bleedin bad',
];

/** Someone at hand or on the way, a quiet plea, being taken or sold, fire, drugs, a call cut off, followed. */
const AT_HAND = [
  'shes hiding in our staff room and hes parked outside',
  'the driver is waiting for them at the back door',
  'two men sat outside the school gate to take the lad',
  'they found her, theyre knocking now',
  'customer slipped me a note saying help at the till',
  'she mouthed help at me while he was paying',
  'wrote sos on the back of her hand',
  'hes selling her to another man this weekend',
  'they are moving them to a new house tonight',
  'van collecting the workers at 4am to take them north',
  'flat above the takeaway is on fire and the doors are locked',
  'think she has been drugged, barely awake, he wants to take her home',
  'call cut off mid sentence after she said he was back',
  'lad says he is being followed by the men from the trap house',
  'bundled a girl into the back of a black audi on the high street',
  'hes got her by the throat',
  'he says he will jump off the roof rather than go back',
  'their photo of her front door just arrived on her phone',
  'msg from victim: me in boot of car. dont know where. moving',
  "happening in front of me: the minder won't leave the room and keeps telling her what will happen to her kids if she talks",
];

const DANGER_NOW = [...CONFINED, ...CONCEALED, ...DISTRESS, ...OTHER, ...AT_HAND];

/** Alarming words about the past, a training scenario or someone now safe: the question keeps its own answer. */
const SAFE_NOW = [
  'she was locked in a room last year but is safe in a refuge now, how do i make an nrm referral',
  'training scenario for our team: what are the signs someone is kept against their will at a car wash',
  'he used to be beaten by his gangmaster, now safe and settled, can he claim compensation',
  'he was stabbed three years ago by his traffickers and still has nightmares, can i refer him for trauma therapy',
];

/** Share words with the above but ask nothing about danger now. */
const NOT_URGENT = [
  'how do i lock down our data sharing agreement',
  'the van driver training for our partnership',
  'referral help for a colleague',
  'what help is available after nrm',
  'container ports and modern slavery awareness',
  'trapped in debt bondage signs',
  'how do lorry drivers report concerns at the port',
  'training for hgv drivers on spotting trafficking',
  'how can i help a survivor once they leave the safe house',
  'who do i call for help with an nrm referral form',
  'awareness session on exploitation in car washes',
  'supply chain checks for delivery van companies',
  'how long does the recovery period last',
  'who pays for accommodation once someone leaves the nrm',
  'shipping container industry modern slavery statement',
  'child exploitation awareness for taxi drivers',
  'how do i keep a victim informed about their case',
  'can a victim get help with housing after a conclusive grounds decision',
  'text message template for telling victims about support',
  'what does the helpline do with calls from the public',
  'how do i get out of a partnership meeting invite',
  'people smuggling vs trafficking difference',
  'signs of debt bondage in nail bars',
  'can u send me the nrm guidance thru email pls',
  'ive heard people say the nrm is slow',
  "i think the lads at the car wash aren't paid properly, i don't want to ring the police, who can i tell",
  'our text message says help is available to victims',
  // a request for help with a task, a thing hit, a burglar's forced entry, services named for emergencies
  'can you help me make the slides for the partnership board look more professional',
  'help me understand the nrm process',
  'someone hit my parked car in the supermarket car park and drove off, do i report it',
  'house was burgled, forced entry through the back door, who secures it tonight',
  'emergency dentist appointment in leeds',
  'How do I become a community first responder with the ambulance service?',
  'do i have to make the referral within 24 hours',
  'can you call me back in an hour',
  'is there a flight at 6am to belfast for the conference',
  'hes coming to the partnership meeting',
  'we are taking them to the refuge tomorrow, what support is there',
  'police please advise on duty to notify',
  'he is getting aggressive in emails about the funding',
  'she is waiting for her conclusive grounds decision, what support is there',
  'he is outside the nrm now, can he get support',
  'the landlord will not let us in to inspect',
  'the school will not let me speak to the child without a parent',
  'can we drop them off at the refuge',
  'can i take a photo of the house for evidence',
  'she wants her family told about the referral',
  'the case is going to be handed over to CID',
  'left a note on the file',
  'gave me a note from her GP',
  'help please, how do i fill in the nrm form',
  'she wants to sell her car to pay the debt off, is that debt bondage',
];

const answers = await askAll([...DANGER_NOW, ...SAFE_NOW, ...NOT_URGENT]);
const get = (q: string): AskJson => answers.get(q)!;

describe('danger now, by category', () => {
  it.each(DANGER_NOW)('"%s" is urgent and opens with 999', (q) => {
    const a = get(q);
    expect(a.urgent).toBe(true);
    expect(a.status).not.toBe('no_match');
    expect(a.answer?.text.startsWith('999')).toBe(true);
    // The danger-now guidance is given plainly, never hedged as "my best match".
    if (a.answer?.id === 'someone-in-danger-now') expect(a.status).toBe('answered');
  });

  it('gives the danger-now guidance to most of them, none hedged', () => {
    const danger = DANGER_NOW.map(get).filter((a) => a.answer?.id === 'someone-in-danger-now');
    expect(danger.length).toBeGreaterThan(DANGER_NOW.length / 2);
    expect(danger.filter((a) => a.status !== 'answered').map((a) => a.query)).toEqual([]);
  });
});

describe('danger over or imagined', () => {
  it.each(SAFE_NOW)('"%s" is not answered with the danger-now guidance, and still opens with 999', (q) => {
    const a = get(q);
    expect(a.answer?.id).not.toBe('someone-in-danger-now');
    expect(a.urgent).toBe(true);
    expect(a.text?.startsWith('999') ?? a.answer?.text.startsWith('999')).toBe(true);
  });
});

describe('shared words, no danger', () => {
  it.each(NOT_URGENT)('"%s" is not flagged urgent', (q) => {
    expect(isUrgent(q)).toBe(false);
    expect(get(q).urgent).toBe(false);
  });
});
