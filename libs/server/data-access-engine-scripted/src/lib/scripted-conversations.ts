import type { Speaker } from '@tnt/protocol';

/** One turn of a scripted conversation. */
export interface ScriptedTurn {
  readonly speaker: Speaker;
  readonly text: string;
}

/**
 * Conversations the scripted simulation "hears". They are text, not audio: the scripted
 * engine exists for tests, demos without audio and load tools, and labels its output as simulated.
 * They are written as a person would say them (numbers, amounts and addresses in words); the
 * engine emits them as a speech engine writes them, see {@link spokenForm}.
 */
export const SCRIPTED_CONVERSATIONS: readonly (readonly ScriptedTurn[])[] = [
  [
    { speaker: 'agent', text: 'Thank you for calling, this is Dana, how can I help you today?' },
    { speaker: 'caller', text: 'Hi, I was charged twice for my internet bill this month.' },
    { speaker: 'agent', text: 'I am sorry about that. Can you confirm the last four digits of the card?' },
    { speaker: 'caller', text: 'Sure, it ends in four two seven one.' },
    { speaker: 'agent', text: 'I can see both payments. I have refunded the second one now.' },
    { speaker: 'caller', text: 'Great, how long will the refund take?' },
    { speaker: 'agent', text: 'It should reach your account within three to five working days.' },
    { speaker: 'caller', text: 'Perfect, thank you so much for your help.' },
  ],
  [
    { speaker: 'agent', text: 'Good morning, you are through to deliveries, my name is Sam.' },
    { speaker: 'caller', text: 'Hello, my parcel was due yesterday and it still has not arrived.' },
    { speaker: 'agent', text: 'Let me check that for you. What is the order number please?' },
    { speaker: 'caller', text: 'It is order number five five eight three.' },
    { speaker: 'agent', text: 'Thanks. The van was delayed by the weather, it is out for delivery today.' },
    { speaker: 'caller', text: 'Okay, will somebody call me before they arrive?' },
    { speaker: 'agent', text: 'Yes, the driver will send a text about an hour before.' },
    { speaker: 'caller', text: 'That is fine, thanks for checking.' },
  ],
  [
    { speaker: 'agent', text: 'Help desk, this is Alex speaking, what can I do for you?' },
    { speaker: 'caller', text: 'I am locked out of my account after too many password attempts.' },
    { speaker: 'agent', text: 'No problem. I will send a reset link to the email on file.' },
    { speaker: 'caller', text: 'I do not have access to that email any more.' },
    { speaker: 'agent', text: 'Then I can verify you with the security questions instead.' },
    { speaker: 'caller', text: 'Alright, go ahead.' },
    { speaker: 'agent', text: 'You are verified. I have unlocked the account and texted you a code.' },
    { speaker: 'caller', text: 'Got it, I am back in. Thanks a lot.' },
  ],
  [
    { speaker: 'agent', text: 'Thanks for calling the billing team, this is Chris, how can I help you today?' },
    { speaker: 'caller', text: 'Hi, I was charged twenty nine dollars for a plan I cancelled on the fourth of March.' },
    { speaker: 'agent', text: 'I am sorry about that. Can I have the email address on the account?' },
    { speaker: 'caller', text: 'Sure, it is jane dot miller at example dot com.' },
    { speaker: 'agent', text: 'Thank you. I have refunded the charge, it takes five business days.' },
    { speaker: 'caller', text: 'Will I get a confirmation by email?' },
    { speaker: 'agent', text: 'Yes, it is on its way now. Is there anything else I can help with?' },
    { speaker: 'caller', text: 'No, that is all, thanks.' },
  ],
];

/**
 * A turn as a speech engine writes it: lower case words without punctuation, the way pocketsphinx
 * reports them ("Hi, I was charged" → "hi i was charged"). Server-side formatting makes it
 * readable again, so the simulation exercises the same path as real speech.
 */
export function spokenForm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    .join(' ');
}
