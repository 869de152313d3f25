import { PING_MESSAGE, SUBSCRIBE_MESSAGE, UNSUBSCRIBE_MESSAGE } from '@tnt/protocol';
import { dtoFromSchema } from './schema-dto';

/** Body of a `ping` message, validated by class-validator against the protocol's `PING_MESSAGE`. */
export class PingDto extends dtoFromSchema('PingDto', PING_MESSAGE) {}

/** Body of a `subscribe` message, validated against the protocol's `SUBSCRIBE_MESSAGE`. */
export class SubscribeDto extends dtoFromSchema('SubscribeDto', SUBSCRIBE_MESSAGE) {}

/** Body of an `unsubscribe` message, validated against the protocol's `UNSUBSCRIBE_MESSAGE`. */
export class UnsubscribeDto extends dtoFromSchema('UnsubscribeDto', UNSUBSCRIBE_MESSAGE) {}
