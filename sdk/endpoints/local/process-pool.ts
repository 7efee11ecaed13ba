import { fork, type ChildProcess } from 'node:child_process';
import { withoutSecrets } from '../../secrets/index.js';
import { CrashLoop } from './crash-loop.js';
import { RETIRED_EXIT_CODE, type WorkerReply, type WorkerRequest } from './worker-protocol.js';

interface Job {
  readonly request: WorkerRequest;
  readonly resolve: (reply: WorkerReply) => void;
  readonly reject: (error: Error) => void;
  slot?: Slot;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  /** Sent `ready` once: its death is a task's crash, not a failed start. */
  booted: boolean;
  job?: Job;
}

/**
 * A fixed pool of child processes, one attempt each at a time: the isolation
 * mode of LocalEndpoint. A crash or kill fails only the attempt it was running;
 * the slot gets a fresh process; processes that die before they are ready are
 * replaced after a growing delay, and not at all once 5 died in a row (`stopped` says why:
 * queued and later attempts then fail with a `WorkerPoolStoppedError`).
 */
export class ProcessPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;
  private readonly crashes = new CrashLoop();

  constructor(private readonly size: number, private readonly options: { maxMemoryMB?: number; env?: Readonly<Record<string, string>> } = {}) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  get running(): number { return this.slots.filter((s) => s.job).length; }
  get queued(): number { return this.queue.length; }
  /** Why the pool stopped replacing its workers, once it has. */
  get stopped(): string | undefined { return this.crashes.stopped; }

  run(request: WorkerRequest, signal?: AbortSignal): Promise<WorkerReply> {
    if (this.closed) return Promise.reject(new Error('process pool is closed'));
    if (this.stopped) return Promise.reject(stoppedError(this.stopped));
    return new Promise<WorkerReply>((resolve, reject) => {
      const job: Job = { request, resolve, reject };
      signal?.addEventListener('abort', () => this.abort(job, signal.reason), { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('endpoint closed before the attempt started'));
    await Promise.all(this.slots.map((slot) => new Promise<void>((done) => {
      if (slot.child.exitCode !== null || slot.child.signalCode !== null) return done();
      slot.child.once('exit', () => done());
      slot.child.kill('SIGKILL');
    })));
  }

  private spawn(): Slot {
    const execArgv = this.options.maxMemoryMB ? [`--max-old-space-size=${this.options.maxMemoryMB}`] : [];
    const child = fork(new URL('./process-worker.mjs', import.meta.url), [], { serialization: 'advanced', execArgv, env: { ...withoutSecrets(process.env), ...this.options.env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const slot: Slot = { child, ready: false, booted: false };
    child.on('message', (message: WorkerReply | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true;
        slot.booted = true;
        this.crashes.lived();
        this.pump();
        return;
      }
      const job = slot.job;
      slot.job = undefined;
      // A retiring worker exits by itself once its reply is out: hand it nothing more.
      if (message.retire) slot.ready = false;
      job?.resolve(message);
      this.pump();
    });
    child.on('exit', (code, signal) => {
      const job = slot.job;
      slot.job = undefined;
      const how = signal ?? `code ${code}`;
      if (code === RETIRED_EXIT_CODE) {
        // Retired after a late error of an earlier attempt: a job handed over meanwhile never ran here.
        if (job) this.queue.unshift(job);
      } else {
        job?.reject(Object.assign(new Error(`worker process exited (${how}) while running the attempt`), { name: 'WorkerCrashError' }));
      }
      if (this.closed) return;
      const delayMs = code === RETIRED_EXIT_CODE || slot.booted ? 0 : this.crashes.died(`a worker process exited (${how}) before it was ready`);
      if (delayMs === undefined) return this.stop();
      const replace = () => {
        const index = this.slots.indexOf(slot);
        if (index >= 0 && !this.closed) this.slots[index] = this.spawn();
      };
      if (delayMs === 0) replace();
      else setTimeout(replace, delayMs).unref();
    });
    child.on('error', () => { /* reported through 'exit' */ });
    return slot;
  }

  private stop(): void {
    const error = stoppedError(this.stopped!);
    for (const job of this.queue.splice(0)) job.reject(error);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift()!;
      job.slot = slot;
      slot.job = job;
      slot.child.send(job.request);
    }
  }

  private abort(job: Job, reason: unknown): void {
    const index = this.queue.indexOf(job);
    if (index >= 0) {
      this.queue.splice(index, 1);
      job.reject(reason instanceof Error ? reason : new Error(String(reason)));
      return;
    }
    const slot = job.slot;
    if (slot?.job === job) {
      // The process may be stuck in the task: retire it now and give the slot a fresh one.
      slot.job = undefined;
      slot.ready = false;
      job.reject(reason instanceof Error ? reason : new Error(String(reason)));
      slot.child.removeAllListeners('exit');
      slot.child.kill('SIGKILL');
      const index = this.slots.indexOf(slot);
      if (index >= 0 && !this.closed) this.slots[index] = this.spawn();
    }
  }
}

function stoppedError(why: string): Error {
  return Object.assign(new Error(`no worker process can run: ${why}`), { name: 'WorkerPoolStoppedError' });
}
