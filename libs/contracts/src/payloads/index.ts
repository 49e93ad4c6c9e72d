import type { Command } from '@sce/domain';
import { campaignPayloads } from './campaign.dto';
import { orderPayloads } from './order.dto';
import type { PayloadDtos } from './payload-dtos';
import { productPayloads } from './product.dto';
import { refundPayloads } from './refund.dto';
import { shopPayloads } from './shop.dto';
import { trafficPayloads } from './traffic.dto';

export type { PayloadDto, PayloadDtos } from './payload-dtos';

/** The payload class-validator checks for each command type: each aggregate's part, composed. */
export const PAYLOADS: PayloadDtos<Command> = {
  ...shopPayloads,
  ...productPayloads,
  ...campaignPayloads,
  ...orderPayloads,
  ...refundPayloads,
  ...trafficPayloads,
};
