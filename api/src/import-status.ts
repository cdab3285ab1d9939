/** Where the background import of the reference data stands (what `importStatus` answers). */
export type ImportState = 'pending' | 'running' | 'finished' | 'failed' | 'skipped';

export interface ImportStatus {
  state: ImportState;
  /** The step being imported (`onet:occupations`, ...), while running. */
  step: string | null;
  /** Rows done and to do in that step. */
  done: number;
  total: number;
  /** Steps finished so far. */
  stepsDone: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Why it failed, in words (the detail is in the log). */
  error: string | null;
}

/** The status a process updates as it imports; read by the API at any time. */
export class ImportProgress {
  #status: ImportStatus;

  constructor(state: ImportState = 'skipped') {
    this.#status = {
      state,
      step: null,
      done: 0,
      total: 0,
      stepsDone: 0,
      startedAt: null,
      finishedAt: null,
      error: null,
    };
  }

  get status(): Readonly<ImportStatus> {
    return this.#status;
  }

  start(): void {
    this.#status = { ...this.#status, state: 'running', startedAt: new Date() };
  }

  progress(step: string, done: number, total: number): void {
    const stepsDone =
      this.#status.step && this.#status.step !== step ? this.#status.stepsDone + 1 : this.#status.stepsDone;
    this.#status = { ...this.#status, step, done, total, stepsDone };
  }

  finish(state: 'finished' | 'skipped' | 'failed', error: string | null = null): void {
    const stepsDone = this.#status.step ? this.#status.stepsDone + 1 : this.#status.stepsDone;
    this.#status = { ...this.#status, state, step: null, stepsDone, finishedAt: new Date(), error };
  }
}
