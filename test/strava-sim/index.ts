export { StravaSimulator, type SimOptions, type SimAthlete, type RequestLogEntry } from './server';
export { ManualClock, systemClock, type SimClock } from './clock';
export type { SimActivity } from './activities';
export { streamsOf, type FaultKind, type FaultRule } from './faults';
