/** Runs tasks one at a time, in arrival order. */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();
  private unfinished = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.unfinished += 1;
    const done = () => {
      this.unfinished -= 1;
    };
    const result = this.tail.then(task, task).finally(done);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Tasks handed to the lock and not finished yet: the running one and those waiting for it. */
  get pending(): number {
    return this.unfinished;
  }
}
