import { DomainError } from '@kg/db/errors';

/**
 * Open subscription streams per client (IP address): each one polls the database, so one client may hold only a
 * few. In-process, per API replica.
 */
export class StreamLimiter {
  readonly #open = new Map<string, number>();

  constructor(readonly maxPerClient: number) {}

  /** Counts a new stream of `client`, or refuses it; the function returned closes it (once). */
  open(client: string): () => void {
    const open = this.#open.get(client) ?? 0;
    if (open >= this.maxPerClient) {
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `this client has ${open} open subscriptions, the limit is ${this.maxPerClient}: close one first`,
        { limit: this.maxPerClient },
      );
    }
    this.#open.set(client, open + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.#open.get(client) ?? 1) - 1;
      if (left > 0) this.#open.set(client, left);
      else this.#open.delete(client);
    };
  }

  openFor(client: string) {
    return this.#open.get(client) ?? 0;
  }
}
