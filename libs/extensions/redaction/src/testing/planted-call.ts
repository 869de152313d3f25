/**
 * The planted card number (a Luhn-valid test number), said digit by digit, and an address, spoken by
 * flite. pocketsphinx hears the digits of flite's voice well (the e2e tests require the placeholder)
 * but makes words of its spoken address ("jay not military an example"): the address forms are
 * proved by the redactor's table, and the e2e tests only check it does not leak.
 */
export const PLANTED_CARD_DIGITS = '4111111111111111';
const SPOKEN_CARD = 'four one one one one one one one one one one one one one one one';

/** The planted call as a `make-conversations.mjs` script: flite voices, one conversation. */
export const PLANTED_CONVERSATION = {
  voices: { caller: 'slt', agent: 'rms' },
  conversations: [
    {
      name: 'planted-number',
      title: 'A caller reads out a card number and an e-mail address',
      turns: [
        { speaker: 'agent', text: 'Thank you for calling, how can I help?' },
        { speaker: 'caller', text: `My card number is ${SPOKEN_CARD}.` },
        { speaker: 'agent', text: 'Thank you. And your e-mail address?' },
        { speaker: 'caller', text: 'It is jane dot miller at example dot com.' },
        { speaker: 'agent', text: 'Thank you, that is all.' },
      ],
    },
  ],
};

/** What a redacted call shows where the number was: the card placeholder, or `[NUMBER]` if a digit was misheard. */
export const PLANTED_PLACEHOLDER = /\[(CARD|NUMBER)\]/;

/**
 * What must be found nowhere: the planted digits (written, or grouped by four), the address, and
 * any run of six or more spoken digits (what pocketsphinx makes of the card number, whichever
 * digits it hears). Plain digit runs are not looked for: log times and call ids have them.
 */
export const PLANTED_LEAKS: readonly RegExp[] = [
  new RegExp(PLANTED_CARD_DIGITS),
  /4111[\s-]?1111/,
  /jane\W{0,3}(dot\W{0,3})?miller/i,
  /miller\W{0,3}(at|@)\W{0,3}example/i,
  /\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\W+){5,}(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b/i,
  /(?:1[\s-]?){8,}/,
];

/** Each planted leak found in `text`, named by `where`, the pattern and what it matched; empty when none. */
export function leaksIn(where: string, text: string): string[] {
  return PLANTED_LEAKS.filter((leak) => leak.test(text)).map((leak) => `${where}: ${leak.source} → ${leak.exec(text)?.[0]}`);
}
