/** Min-heap of tasks by time; ties by an explicit key, else first pushed first. The virtual clock of what-if runs keeps its events in one (the former simulator and list scheduler in bench/baselines too). */
export class EventQueue {
  private readonly at: number[] = [];
  private readonly task: number[] = [];
  private readonly seq: number[] = [];
  private n = 0;
  get size(): number { return this.at.length; }

  push(at: number, task: number, tie?: number): void {
    this.at.push(at); this.task.push(task); this.seq.push(tie ?? this.n++);
    let k = this.at.length - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!this.less(k, p)) break;
      this.swap(k, p);
      k = p;
    }
  }

  pop(): { at: number; task: number } {
    const top = { at: this.at[0]!, task: this.task[0]! };
    const last = this.at.length - 1;
    this.swap(0, last);
    this.at.pop(); this.task.pop(); this.seq.pop();
    let k = 0;
    for (;;) {
      const l = 2 * k + 1; const r = l + 1;
      let s = k;
      if (l < this.at.length && this.less(l, s)) s = l;
      if (r < this.at.length && this.less(r, s)) s = r;
      if (s === k) break;
      this.swap(k, s);
      k = s;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    return this.at[a]! < this.at[b]! || (this.at[a] === this.at[b] && this.seq[a]! < this.seq[b]!);
  }

  private swap(a: number, b: number): void {
    [this.at[a], this.at[b]] = [this.at[b]!, this.at[a]!];
    [this.task[a], this.task[b]] = [this.task[b]!, this.task[a]!];
    [this.seq[a], this.seq[b]] = [this.seq[b]!, this.seq[a]!];
  }
}
