import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import type { ResultPromise } from 'execa';
import { BridgeError } from './bridge-error.js';
import { decodeBridgeMessage } from './decode-message.js';
import { BRIDGE_PROTOCOL_VERSION, type BridgeHello, type BridgeReply, type BridgeResult } from './protocol.js';
import { BRIDGE_SCRIPT, PYTHON_HINT } from './python-interpreter.js';
import { redactSecrets } from './redact.js';

/** How to start one bridge program. */
export interface BridgeProcessOptions {
  readonly python: string;
  /** Extra environment for the bridge (e.g. PYTHONPATH); the parent's is inherited. */
  readonly env?: Readonly<Record<string, string>>;
  /** Seconds between heartbeats; the bridge counts as hung after 4 missed. */
  readonly heartbeatS?: number;
  /** Where the bridge's stderr log lines go (already redacted). */
  readonly log?: (line: string) => void;
  readonly handshakeTimeoutS?: number;
}

interface Pending { resolve(data: Record<string, unknown>): void; reject(e: Error): void; op: string; timer?: NodeJS.Timeout }

/**
 * One running bridge program: handshake, request/reply by id, task results
 * as `result` events, and `lost` when it exits or stops sending heartbeats.
 *
 * @example
 * ```ts
 * const p = await BridgeProcess.start({ python: '/usr/bin/python3' });
 * await p.request('open', { endpoint: 'dev', engine: 'process', config: {} });
 * p.on('result', (r: BridgeResult) => console.log(r.task));
 * await p.shutdown();
 * ```
 */
export class BridgeProcess extends EventEmitter {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private lastLineAt = Date.now();
  private watchdog?: NodeJS.Timeout;
  private stopping = false;
  private exited = false;
  private holds = 0;
  hello?: BridgeHello;

  private constructor(private readonly child: ResultPromise, private readonly options: BridgeProcessOptions) {
    super();
  }

  /** Process id of the bridge program. */
  get pid(): number | undefined { return this.child.pid; }

  /** Starts the bridge and completes the versioned handshake. */
  static async start(options: BridgeProcessOptions): Promise<BridgeProcess> {
    const heartbeatS = options.heartbeatS ?? 2;
    // Loaded with the first bridge: a run on local endpoints alone never spawns one.
    const { execa } = await import('execa');
    const child = execa(options.python, ['-u', BRIDGE_SCRIPT], {
      env: { ...options.env, CORRAL_BRIDGE_HEARTBEAT_S: String(heartbeatS) },
      stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', buffer: false, reject: false,
      // No execa cleanup hook (signal-exit): the bridge exits by itself when its stdin closes.
      cleanup: false, forceKillAfterDelay: 2000,
    });
    const bridge = new BridgeProcess(child, options);
    return bridge.handshake(heartbeatS);
  }

  private async handshake(heartbeatS: number): Promise<BridgeProcess> {
    const { child, options } = this;
    const log = options.log ?? ((line: string) => process.stderr.write(`[corral bridge] ${line}\n`));
    const stderrTail: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (line) => {
      const clean = redactSecrets(line);
      stderrTail.push(clean);
      if (stderrTail.length > 20) stderrTail.shift();
      log(clean);
    });
    const hello = new Promise<BridgeHello>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BridgeError('CORRAL_BRIDGE_HANDSHAKE', `bridge (${options.python} ${BRIDGE_SCRIPT}) sent no hello within ${options.handshakeTimeoutS ?? 30} s`)), (options.handshakeTimeoutS ?? 30) * 1000);
      this.once('hello', (h: BridgeHello) => { clearTimeout(timer); resolve(h); });
      this.once('lost', (e: Error) => { clearTimeout(timer); reject(e); });
    });
    createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(line));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') this.onExit(new BridgeError('CORRAL_BRIDGE_PYTHON_MISSING', `Python interpreter "${options.python}" not found (needed by corral's bridge for remote endpoints)`, PYTHON_HINT));
    });
    child.on('exit', (code, signal) => {
      const tail = stderrTail.length ? `; last log lines:\n${stderrTail.slice(-5).join('\n')}` : '';
      this.onExit(new BridgeError('CORRAL_BRIDGE_LOST', `bridge process ${child.pid ?? '?'} exited (code ${code}, signal ${signal})${tail}`));
    });
    child.catch(() => undefined);
    // Writes after the bridge died fail with EPIPE; 'exit' reports the death.
    child.stdin!.on('error', () => undefined);
    const h = await hello;
    if (h.protocol !== BRIDGE_PROTOCOL_VERSION) {
      this.kill();
      throw new BridgeError('CORRAL_BRIDGE_HANDSHAKE', `bridge speaks protocol ${h.protocol}, corral speaks ${BRIDGE_PROTOCOL_VERSION}: ${BRIDGE_SCRIPT} and corral are from different versions`);
    }
    const [major, minor] = h.python.split('.').map(Number);
    if (major! < 3 || (major === 3 && minor! < 10)) {
      this.kill();
      throw new BridgeError('CORRAL_BRIDGE_PYTHON_TOO_OLD', `bridge interpreter ${h.executable} is Python ${h.python}; corral needs >= 3.10`, PYTHON_HINT);
    }
    this.hello = h;
    this.watchdog = setInterval(() => {
      if (Date.now() - this.lastLineAt > heartbeatS * 4000) {
        this.kill();
        this.onExit(new BridgeError('CORRAL_BRIDGE_LOST', `bridge process ${child.pid} sent no heartbeat for ${Math.round((Date.now() - this.lastLineAt) / 1000)} s and was killed`));
      }
    }, heartbeatS * 1000);
    this.watchdog.unref();
    this.updateRef();
    return this;
  }

  /**
   * Keeps node running while work is in flight on the bridge (call the
   * returned function when it settles). An idle bridge never keeps node
   * alive: a script that forgets `close()`, or whose engine is unreachable,
   * still exits, and the bridge follows when its stdin closes.
   */
  hold(): () => void {
    this.holds += 1;
    this.updateRef();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      this.updateRef();
    };
  }

  private updateRef(): void {
    if (this.exited) return;
    const busy = this.holds > 0 || this.pending.size > 0;
    for (const handle of [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as Array<{ ref?(): unknown; unref?(): unknown } | null>) {
      if (busy) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  private onLine(line: string): void {
    this.lastLineAt = Date.now();
    const decoded = decodeBridgeMessage(line);
    if ('problem' in decoded) (this.options.log ?? (() => undefined))(`non-protocol line on bridge stdout (${decoded.problem}): ${redactSecrets(line).slice(0, 200)}`);
    const message = 'message' in decoded ? decoded.message : decoded.instead;
    if (!message) return;
    switch (message.type) {
      case 'hello': this.emit('hello', message); break;
      case 'heartbeat': this.emit('heartbeat', message); break;
      case 'result': this.emit('result', message as BridgeResult); break;
      case 'reply': this.onReply(message); break;
    }
  }

  private onReply(reply: BridgeReply): void {
    const pending = reply.id === null ? undefined : this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id!);
    this.updateRef();
    if (pending.timer) clearTimeout(pending.timer);
    if (reply.ok) pending.resolve(reply.data);
    else {
      const e = reply.error;
      const code = e.code === 'ENGINE_PACKAGE_MISSING' ? 'CORRAL_BRIDGE_ENGINE_MISSING' : 'CORRAL_BRIDGE_REQUEST';
      pending.reject(new BridgeError(code, `bridge ${pending.op} failed (${e.code}): ${redactSecrets(e.message)}`, e.hint, e.code));
    }
  }

  private onExit(error: BridgeError): void {
    if (this.exited) return;
    this.exited = true;
    if (this.watchdog) clearInterval(this.watchdog);
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      if (p.timer) clearTimeout(p.timer);
      p.reject(this.stopping ? new BridgeError('CORRAL_BRIDGE_CLOSED', `bridge closed before answering ${p.op}`) : error);
    }
    if (!this.stopping) this.emit('lost', error);
    this.emit('exit');
  }

  /** True until the process exits or is killed. */
  get alive(): boolean { return !this.exited; }

  /** Sends one request and waits for its reply. */
  request(op: string, body: Record<string, unknown> = {}, timeoutS = 60): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(new BridgeError('CORRAL_BRIDGE_LOST', `bridge is not running (request ${op})`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const pending: Pending = { resolve, reject, op };
      pending.timer = setTimeout(() => {
        this.pending.delete(id);
        this.updateRef();
        reject(new BridgeError('CORRAL_BRIDGE_TIMEOUT', `bridge did not answer ${op}${body.endpoint ? ` for endpoint ${String(body.endpoint)}` : ''} within ${timeoutS} s`));
      }, timeoutS * 1000);
      this.pending.set(id, pending);
      this.updateRef();
      this.child.stdin!.write(`${JSON.stringify({ ...body, id, op })}\n`);
    });
  }

  /** Asks the bridge to close its engines and exit; kills it after `graceS`. */
  async shutdown(graceS = 10): Promise<void> {
    if (this.exited) return;
    this.stopping = true;
    const exited = new Promise<void>((resolve) => this.once('exit', () => resolve()));
    try {
      await this.request('shutdown', {}, graceS);
    } catch { /* killed below */ }
    const timer = setTimeout(() => this.kill(), graceS * 1000);
    await exited;
    clearTimeout(timer);
  }

  /** Kills the bridge at once (SIGKILL). */
  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
