// Work queued after a webhook is answered, run one task at a time in arrival order. Bounded: when
// it is full the receiver answers 503 (Twilio retries later) instead of growing memory without end.

export class FollowUpQueue {
  private pending = 0;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly capacity: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get full(): boolean {
    return this.pending >= this.capacity;
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.pending;
  }

  push(task: () => Promise<void>): void {
    this.pending++;
    this.tail = this.tail.then(async () => {
      try {
        await task();
      } catch (error) {
        this.onError(error);
      } finally {
        this.pending--;
      }
    });
  }
}
