/**
 * Measured speed of one client: training throughput and the fixed cost of a
 * round (transport, data and model set-up), smoothed over rounds.
 *
 * @example
 * ```ts
 * const speeds = new ClientSpeeds();
 * speeds.observe('c1', { samples: 1200, trainSeconds: 2, wallSeconds: 2.3 });
 * speeds.get('c1'); // { samplesPerS: 600, fixedSeconds: 0.3 }
 * ```
 */
export interface ClientSpeed {
  readonly samplesPerS: number;
  readonly fixedSeconds: number;
}

/**
 * Per-client speeds, updated from every finished update (exponentially smoothed).
 *
 * @example
 * ```ts
 * const speeds = new ClientSpeeds(0.5, { 'edge-1': { samplesPerS: 800, fixedSeconds: 0.4 } });
 * ```
 */
export class ClientSpeeds {
  private readonly speeds = new Map<string, ClientSpeed>();
  constructor(private readonly smoothing = 0.5, initial: Readonly<Record<string, ClientSpeed>> = {}) {
    for (const [id, s] of Object.entries(initial)) this.speeds.set(id, s);
  }

  observe(client: string, run: { samples: number; trainSeconds: number; wallSeconds: number }): void {
    if (!(run.samples > 0 && run.trainSeconds > 0)) return;
    const now: ClientSpeed = { samplesPerS: run.samples / run.trainSeconds, fixedSeconds: Math.max(0, run.wallSeconds - run.trainSeconds) };
    const before = this.speeds.get(client);
    const a = this.smoothing;
    this.speeds.set(client, before
      ? { samplesPerS: a * now.samplesPerS + (1 - a) * before.samplesPerS, fixedSeconds: a * now.fixedSeconds + (1 - a) * before.fixedSeconds }
      : now);
  }

  get(client: string): ClientSpeed | undefined {
    return this.speeds.get(client);
  }

  toJSON(): Record<string, ClientSpeed> {
    return Object.fromEntries(this.speeds);
  }
}
