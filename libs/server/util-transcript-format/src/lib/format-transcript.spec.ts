import { createTranscriptFormatter } from './format-transcript';

const format = createTranscriptFormatter({ properNouns: ['Acme', 'TnT', 'Jane Miller', 'Zendesk'] });
const final = (text: string) => format(text, { isFinal: true });

/** Spoken form as a speech engine writes it → the formatted final. */
const CASES: readonly (readonly [string, string])[] = [
  // Sentence case, I, terminal punctuation.
  ['i was charged twice this month', 'I was charged twice this month.'],
  ["i'm not sure i'll be home", "I'm not sure I'll be home."],
  ["i've already tried that and i'd like a refund", "I've already tried that and I'd like a refund."],
  ['that is fine thanks for checking', 'That is fine thanks for checking.'],
  ['got it', 'Got it.'],
  // Questions.
  ['how can i help you today', 'How can I help you today?'],
  ['what is the order number please', 'What is the order number please?'],
  ['how long will the refund take', 'How long will the refund take?'],
  ['can you confirm your date of birth', 'Can you confirm your date of birth?'],
  ['do you have the reference number', 'Do you have the reference number?'],
  ['is there anything else i can help with', 'Is there anything else I can help with?'],
  ['why not', 'Why not?'],
  ['when i called they said it was fixed', 'When I called they said it was fixed.'],
  ['where i live the signal is weak', 'Where I live the signal is weak.'],
  ['do not worry about it', 'Do not worry about it.'],
  ['i know what is wrong', 'I know what is wrong.'],
  ['thank you for calling this is dana how can i help you today', 'Thank you for calling this is Dana, how can I help you today?'],
  ['i am sorry about that can you confirm the last four digits', 'I am sorry about that, can you confirm the last 4 digits?'],
  ['okay will somebody call me before they arrive', 'Okay, will somebody call me before they arrive?'],
  // Openers.
  ['hi i was charged twice for my internet bill', 'Hi, I was charged twice for my internet bill.'],
  ['sure it ends in four two seven one', 'Sure, it ends in 4271.'],
  ['no problem i will send a reset link', 'No problem, I will send a reset link.'],
  ['thank you so much for your help', 'Thank you so much for your help.'],
  ['yes please', 'Yes, please.'],
  ["no i don't think so", "No, I don't think so."],
  ['no idea', 'No idea.'],
  ['good morning you are through to deliveries', 'Good morning, you are through to deliveries.'],
  ['hello', 'Hello.'],
  ['great how long will the refund take', 'Great, how long will the refund take?'],
  ['perfect thank you so much for your help', 'Perfect, thank you so much for your help.'],
  ['great news', 'Great news.'],
  ['well done', 'Well done.'],
  ['got it i am back in thanks a lot', 'Got it, I am back in, thanks a lot.'],
  ['no that is all thanks', 'No, that is all, thanks.'],
  ['hi there how are you', 'Hi there, how are you?'],
  ['i am sorry about that can i have the email address', 'I am sorry about that, can I have the email address?'],
  ['it is on its way now is there anything else', 'It is on its way now, is there anything else?'],
  ['the problem is there is no signal', 'The problem is there is no signal.'],
  // Numbers.
  ['it takes five business days', 'It takes 5 business days.'],
  ['within three to five working days', 'Within 3 to 5 working days.'],
  ['order number five five eight three', 'Order number 5583.'],
  ['my zip code is nine oh two one oh', 'My zip code is 90210.'],
  ['about twenty five minutes', 'About 25 minutes.'],
  ['we have a hundred and twelve tickets open', 'We have 112 tickets open.'],
  ['it costs two thousand five hundred a year', 'It costs 2500 a year.'],
  ['about fifteen thousand customers', 'About 15,000 customers.'],
  ['the speed dropped to three point five', 'The speed dropped to 3.5.'],
  ['press one for billing', 'Press 1 for billing.'],
  ['this one is broken', 'This one is broken.'],
  ['no one called me back', 'No one called me back.'],
  ['first of all thanks', 'First of all, thanks.'],
  ['wait a second', 'Wait a second.'],
  ['it was the twenty first attempt', 'It was the 21st attempt.'],
  ['in nineteen ninety nine', 'In 1999.'],
  ['since twenty twenty four', 'Since 2024.'],
  // Amounts and percentages.
  ['it was twenty nine dollars', 'It was $29.'],
  ['the fee is twenty nine dollars and fifty cents', 'The fee is $29.50.'],
  ['i paid nine point nine nine dollars', 'I paid $9.99.'],
  ['a hundred dollars', '$100.'],
  ['one thousand five hundred dollars', '$1,500.'],
  ['fifty euros', '€50.'],
  ['ten percent off', '10% off.'],
  ['fifty cents', '50 cents.'],
  // Dates and times.
  ['the fourth of march', 'March 4th.'],
  ['it is due on the first of may', 'It is due on May 1st.'],
  ['march fourth', 'March 4th.'],
  ['on march the twenty second twenty twenty four', 'On March 22nd, 2024.'],
  ['the third of june twenty twenty five', 'June 3rd, 2025.'],
  ['since january twenty twenty three', 'Since January 2023.'],
  ['may i ask who is calling', 'May I ask who is calling?'],
  ['call me at three thirty pm', 'Call me at 3:30 PM.'],
  ['the store opens at ten a m', 'The store opens at 10 AM.'],
  ['at seven oh five am', 'At 7:05 AM.'],
  ['we open at ten a.m. tomorrow', 'We open at 10 AM tomorrow.'],
  ['call me after three p.m.', 'Call me after 3 PM.'],
  ['i live in the u.s.', 'I live in the U.S.'],
  ["around three o'clock on friday", "Around 3 o'clock on Friday."],
  // Addresses.
  ['jane dot miller at example dot com', 'jane.miller@example.com.'],
  ['my email is jane dot miller at example dot com', 'My email is jane.miller@example.com.'],
  ['it is j underscore smith at mail dot co dot uk', 'It is j_smith@mail.co.uk.'],
  ['email me at support dot acme dot com', 'Email me at support.acme.com.'],
  ['go to www dot example dot com slash help', 'Go to www.example.com/help.'],
  ['visit example dot org', 'Visit example.org.'],
  ['the dot com era', 'The dot com era.'],
  // Proper nouns.
  ['this is alex speaking', 'This is Alex speaking.'],
  ['i paid with paypal not visa', 'I paid with PayPal not Visa.'],
  ['my iphone will not connect to the wi-fi', 'My iPhone will not connect to the Wi-Fi.'],
  ['i moved from new york to san francisco', 'I moved from New York to San Francisco.'],
  ['welcome to acme support', 'Welcome to Acme support.'],
  ['is jane miller there', 'Is Jane Miller there?'],
  ['what is your pin', 'What is your PIN?'],
  // Punctuation an engine already wrote is kept.
  ['Hello, how are you?', 'Hello, how are you?'],
  ['Thank you for calling, this is Dana.', 'Thank you for calling, this is Dana.'],
];

describe('createTranscriptFormatter', () => {
  it('has a table of at least sixty spoken forms', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES)('formats %j as %j', (spoken, written) => {
    expect(final(spoken)).toBe(written);
  });

  it('leaves the terminal punctuation off an interim, whose sentence is not over', () => {
    expect(format('how can i help', { isFinal: false })).toBe('How can I help');
    expect(format('it was twenty nine dollars', { isFinal: false })).toBe('It was $29');
  });

  it('gives text with no words back unchanged', () => {
    expect(final('')).toBe('');
    expect(final('   ')).toBe('   ');
  });

  it('is not misled by words that are names of object properties', () => {
    expect(final('the constructor is at tostring dot com')).toBe('The constructor is at tostring.com.');
  });

  it('lets a deployment respell a built-in proper noun', () => {
    const custom = createTranscriptFormatter({ properNouns: ['PAYPAL'] });
    expect(custom('paypal', { isFinal: true })).toBe('PAYPAL.');
  });

  it('formats text it already formatted to the same text', () => {
    for (const [, written] of CASES) expect(final(written)).toBe(written);
  });
});
