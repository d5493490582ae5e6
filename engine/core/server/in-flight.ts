// Counts script runs that went asynchronous, so shutdown can wait for them to finish (bounded)
// before modules are destroyed under them.
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  track(p: Promise<unknown>): void {
    this.count++;
    const done = () => {
      if (--this.count === 0) for (const w of this.waiters.splice(0)) w();
    };
    p.then(done, done);
  }

  /** Resolves true when nothing is running, false when `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => { clearTimeout(timer); resolve(true); });
    });
  }
}
