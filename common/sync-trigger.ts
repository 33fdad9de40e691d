// What started a sync: the history records it, the window and the tray tell it, the engine is asked with it.
import { z } from 'zod';

/** 'manual': Sync now; 'background': the interval's turn (or a rate limit's reset); 'launch': at start; 'cli': a command. */
export const syncTriggerSchema = z.enum(['manual', 'background', 'launch', 'cli']);
export type SyncTrigger = z.infer<typeof syncTriggerSchema>;
