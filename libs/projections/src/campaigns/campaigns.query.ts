import type { DocStore } from '../doc-store';
import type { CampaignDoc } from './campaign.projection';

/** Every campaign's document, in id order. */
export const listCampaigns = (docs: DocStore) => docs.list<CampaignDoc>('campaign', '*');

/** Where a campaign stands at `asOf`. */
function stateAt(c: CampaignDoc, asOf: string): string {
  if (asOf < c.registrationStartsAt) return 'ANNOUNCED';
  if (asOf < c.startsAt) return asOf < c.registrationEndsAt ? 'REGISTRATION_OPEN' : 'UPCOMING';
  return asOf < c.endsAt ? 'ONGOING' : 'ENDED';
}

/** Every campaign with its windows, where it stands at `asOf`, participants and campaign sales. */
export async function campaigns(docs: DocStore, asOf: string) {
  return (await listCampaigns(docs)).map((c) => ({ ...c, state: stateAt(c, asOf) }));
}
