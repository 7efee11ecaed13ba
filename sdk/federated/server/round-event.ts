/**
 * What a federated job emits after each finished round. The session's
 * `RunEvents` carries it as one of its `RunEvent`s (`corral.events.on('fl:round', ...)`),
 * journaled for the report.
 *
 * @example
 * ```ts
 * corral.events.on('fl:round', (e: RoundEvent) => console.log(e.round, e.metrics.accuracy));
 * ```
 */
export interface RoundEvent {
  readonly type: 'fl:round';
  readonly runId: string;
  readonly at: number;
  readonly round: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly clientSeconds?: Readonly<Record<string, number>>;
  readonly strategy?: string;
  readonly bytesMoved?: number;
}
