import { spec } from '../testing/domain-spec';
import { cmd, ev, readyShop, SHOP } from '../testing/fixtures';

describe('Shop traffic', () => {
  it('records a visit, with or without a product', () => {
    spec
      .given(readyShop())
      .when(cmd('RecordVisit', { visitorId: 'v-1', productId: 'p-1' }))
      .then([ev('VisitRecorded', { shopId: SHOP, visitorId: 'v-1', productId: 'p-1' })]);
    spec
      .given(readyShop())
      .when(cmd('RecordVisit', { visitorId: 'v-2' }))
      .then([ev('VisitRecorded', { shopId: SHOP, visitorId: 'v-2', productId: null })]);
  });

  it('refuses a visit to an unknown shop', () => {
    spec
      .given([])
      .when(cmd('RecordVisit', { visitorId: 'v-1' }))
      .thenRejects('shop.not-found');
  });

  const started = ev('LiveSessionStarted', { shopId: SHOP, sessionId: 'l-1', title: 'Black Friday live' });

  it('starts and ends a LIVE session', () => {
    spec
      .given(readyShop())
      .when(cmd('StartLiveSession', { sessionId: 'l-1', title: 'Black Friday live' }))
      .then([started]);
    spec
      .given([...readyShop(), started])
      .when(cmd('EndLiveSession', { sessionId: 'l-1' }))
      .then([ev('LiveSessionEnded', { shopId: SHOP, sessionId: 'l-1' })]);
  });

  it('starts a session once and ends it once', () => {
    spec
      .given([...readyShop(), started])
      .when(cmd('StartLiveSession', { sessionId: 'l-1' }))
      .thenRejects('live.already-started');
    spec
      .given(readyShop())
      .when(cmd('EndLiveSession', { sessionId: 'l-1' }))
      .thenRejects('live.not-found');
    spec
      .given([...readyShop(), started, ev('LiveSessionEnded', { shopId: SHOP, sessionId: 'l-1' })])
      .when(cmd('EndLiveSession', { sessionId: 'l-1' }))
      .thenRejects('live.already-ended');
  });
});
