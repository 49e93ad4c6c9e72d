import { spec } from '../testing/domain-spec';
import { activeProduct, cmd, ev, listed, readyShop, SHOP } from '../testing/fixtures';
import { BLACK_FRIDAY, blackFridayCreated, joinedBlackFriday } from '../testing/story';

const inRegistration = '2026-11-10T12:00:00.000Z';
const join = (campaignPrice: number, reservedStock = 5, productId = 'p-1') =>
  cmd(
    'JoinCampaign',
    { campaignId: BLACK_FRIDAY.campaignId, products: [{ productId, campaignPrice, reservedStock }] },
    { at: inRegistration },
  );
const seller = [...readyShop(), ...activeProduct('p-1', 2000, 10), blackFridayCreated()];

describe('Campaign', () => {
  it('is created by the platform', () => {
    spec.given([]).when(cmd('CreateCampaign', BLACK_FRIDAY)).then([blackFridayCreated()]);
  });

  it('is created once', () => {
    spec.given([blackFridayCreated()]).when(cmd('CreateCampaign', BLACK_FRIDAY)).thenRejects('campaign.already-exists');
  });

  it('is joined at a big enough discount, with stock the product has', () => {
    // 20% off 2000 is 1600: exactly the minimum is enough
    spec
      .given(seller)
      .when(join(1600))
      .then([joinedBlackFriday('p-1', 1600)]);
  });

  it('refuses a discount smaller than the campaign minimum', () => {
    spec
      .given(seller)
      .when(join(1601))
      .thenRejects('campaign.discount-too-small', /at least 20%/);
  });

  it('refuses to reserve more stock than is available', () => {
    spec.given(seller).when(join(1500, 11)).thenRejects('campaign.stock-exceeded');
  });

  it('is joined only during registration', () => {
    const late = cmd(
      'JoinCampaign',
      { campaignId: BLACK_FRIDAY.campaignId, products: [{ productId: 'p-1', campaignPrice: 1500, reservedStock: 1 }] },
      { at: BLACK_FRIDAY.registrationEndsAt },
    );
    spec.given(seller).when(late).thenRejects('campaign.registration-closed');
  });

  it('is joined only by active products', () => {
    spec
      .given([...readyShop(), listed('p-1'), blackFridayCreated()])
      .when(join(1500))
      .thenRejects('product.not-active');
    spec
      .given([...readyShop(), blackFridayCreated()])
      .when(join(1500))
      .thenRejects('product.not-found');
  });

  it('is joined once per product', () => {
    spec
      .given([...seller, joinedBlackFriday('p-1', 1500)])
      .when(join(1400))
      .thenRejects('campaign.already-joined');
  });

  it('must exist to be joined', () => {
    spec
      .given([...readyShop(), ...activeProduct('p-1')])
      .when(join(1500))
      .thenRejects('campaign.not-found');
  });

  it('lets a seller withdraw products before the start, and only those it joined', () => {
    const withdraw = (at: string, productIds = ['p-1']) =>
      cmd('WithdrawFromCampaign', { campaignId: BLACK_FRIDAY.campaignId, productIds }, { at });
    spec
      .given([...seller, joinedBlackFriday('p-1', 1500)])
      .when(withdraw('2026-11-26T00:00:00.000Z'))
      .then([ev('CampaignWithdrawn', { shopId: SHOP, campaignId: BLACK_FRIDAY.campaignId, productIds: ['p-1'] })]);
    spec
      .given([...seller, joinedBlackFriday('p-1', 1500)])
      .when(withdraw(BLACK_FRIDAY.startsAt))
      .thenRejects('campaign.already-started');
    spec.given(seller).when(withdraw('2026-11-26T00:00:00.000Z')).thenRejects('campaign.not-joined');
  });

  it('can be joined again after a withdrawal', () => {
    const withdrawn = ev('CampaignWithdrawn', {
      shopId: SHOP,
      campaignId: BLACK_FRIDAY.campaignId,
      productIds: ['p-1'],
    });
    spec
      .given([...seller, joinedBlackFriday('p-1', 1500), withdrawn])
      .when(join(1550))
      .then([joinedBlackFriday('p-1', 1550)]);
  });
});
