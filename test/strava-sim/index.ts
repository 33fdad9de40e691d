export { StravaSimulator, type SimOptions, type SimAthlete, type RequestLogEntry } from './server';
export { ManualClock, systemClock, type SimClock } from './clock';
export type { SimActivity } from './activities';
export type { FaultKind, FaultRule } from './faults';
