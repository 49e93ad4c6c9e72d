export const CONFIG = Symbol('CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const DOC_STORE = Symbol('DOC_STORE');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
export const COMMAND_HANDLER = Symbol('COMMAND_HANDLER');
export const API_KEYS = Symbol('API_KEYS');
export const CLOCK = Symbol('CLOCK');
export const TIMER_STORE = Symbol('TIMER_STORE');
export const TIMER_MANAGER = Symbol('TIMER_MANAGER');
/** The read models queries read: the live ones, or a time-travel replay inside a `knownAt` request. */
export const READ_DOCS = Symbol('READ_DOCS');
export const TIME_TRAVEL = Symbol('TIME_TRAVEL');
