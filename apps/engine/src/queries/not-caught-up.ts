/** The read models did not reach the position a read asked for in time: 503. */
export class NotCaughtUp extends Error {}
