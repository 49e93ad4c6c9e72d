/** The domain's test kit: fixtures, a story of events, arbitraries of command sequences. Tests only. */
export * from './fixtures';
export * from './story';
export * from './arbitraries';
export * from './domain-spec';
