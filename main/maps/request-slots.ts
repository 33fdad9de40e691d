/**
 * At most `size` pieces of work at once, the others waiting in the order they came. OpenStreetMap's tile usage policy
 * asks a client for no more than 2 connections to its servers: every tile request takes one of these slots.
 */
export class RequestSlots {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.busy++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line (busy stays), or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    }
  }
}
