import type { Speaker } from '@tnt/protocol';

/** One turn of a scripted conversation. */
export interface ScriptedTurn {
  readonly speaker: Speaker;
  readonly text: string;
}

/**
 * Conversations the scripted simulation "hears". They are text, not audio: the scripted
 * engine exists for tests, demos without audio and load tools, and labels its output as simulated.
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
];
