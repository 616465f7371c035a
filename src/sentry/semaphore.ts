// A small counting semaphore: the events endpoint allows a limited number of concurrent requests
// per caller (50 by default, 15 with some flags), and we stay well below that.

export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {
    if (max < 1) throw new RangeError('Semaphore needs at least one slot');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
