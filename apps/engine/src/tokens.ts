export const CONFIG = Symbol('CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const DOC_STORE = Symbol('DOC_STORE');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
export const COMMAND_HANDLER = Symbol('COMMAND_HANDLER');
export const API_KEYS = Symbol('API_KEYS');
