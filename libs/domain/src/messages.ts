import type { CampaignCommand, CampaignEvent } from './campaign/campaign.types';
import type { OrderCommand, OrderEvent } from './order/order.types';
import type { ProductCommand, ProductEvent } from './product/product.types';
import type { RefundCommand, RefundEvent } from './refund/refund.types';
import type { ShopCommand, ShopEvent } from './shop/shop.types';
import type { TrafficCommand, TrafficEvent } from './traffic/traffic.types';

/** Every command of the seller center. */
export type Command = ShopCommand | ProductCommand | CampaignCommand | OrderCommand | RefundCommand | TrafficCommand;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** Every event of the seller center. The `type` string is the name that travels on the wire. */
export type DomainEvent = ShopEvent | ProductEvent | CampaignEvent | OrderEvent | RefundEvent | TrafficEvent;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
