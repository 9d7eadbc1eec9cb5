/**
 * The simulator's time: the injected `clock` (default the real one) plus any offset set through
 * `control.advanceTime()`/`setTime()`. Achievement dates in the future, status progress and the rate-limit window all
 * read it; delays and hangs use real timers.
 */
export class SimClock {
  private offsetMs = 0;

  constructor(private readonly options: { clock?: () => Date | number }) {}

  now(): number {
    const base = this.options.clock ? this.options.clock() : Date.now();
    return (typeof base === "number" ? base : base.getTime()) + this.offsetMs;
  }
  advance(ms: number) {
    this.offsetMs += ms;
  }
  setTime(at: number) {
    this.offsetMs += at - this.now();
  }
}
