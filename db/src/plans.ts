import { sql } from 'kysely';

/*
 * Postgres plans a prepared statement anew on every execution (a custom plan) unless it judges one plan for all
 * parameter values (the generic plan) cheap enough; for the loaders' statements, whose plan does not depend on
 * the ids they are given, it keeps choosing custom plans, and planning them costs about as much as running them
 * (the occupation page's first level: 3 ms of planning for 6 ms of execution). Statements that carry
 * GENERIC_PLAN_MARK switch their connection to plan_cache_mode = force_generic_plan: planned once per connection.
 * Searches switch it back: a trigram or text condition's plan depends on its value (a generic plan made them
 * 1.7x slower). Every other statement runs in whatever mode its connection is in, so that a request's loaders
 * and its plain reads do not switch back and forth.
 */
export const GENERIC_PLAN_MARK = '/* generic plan */';

/** The mark, to put after a statement's first keyword. */
export const genericPlan = sql.raw(GENERIC_PLAN_MARK);

const SEARCH =
  /\b(similarity|word_similarity|strict_word_similarity|to_tsquery|plainto_tsquery|websearch_to_tsquery|ts_rank\w*|title_\w+|occupation_vocabulary|like|ilike)\b|<->|<<->|<%|%>|@@/i;

/** The plan mode a statement needs: generic (it asks for it), custom (a search), or either. */
export type PlanNeed = 'generic' | 'custom' | 'either';

export const planNeedOf = (text: string): PlanNeed =>
  SEARCH.test(text) ? 'custom' : text.includes(GENERIC_PLAN_MARK) ? 'generic' : 'either';

const TRANSACTION_START = /^\s*(begin|start\s+transaction)\b/i;
// (not `rollback to savepoint`, which stays in the transaction)
const TRANSACTION_END = /^\s*(commit|end|abort)\b|^\s*rollback\b(?!\s+((work|transaction)\s+)?to\b)/i;

/**
 * A connection's plan mode, switched by a `set` sent ahead of the statement that needs the other one (pg runs a
 * connection's queries in order; a switch costs one round trip). Never inside a transaction: a rollback would
 * undo the `set` unseen.
 */
export class PlanMode {
  /** Undefined once a switch failed: the next statement that needs a mode sets it. */
  #generic: boolean | undefined = false;
  #inTransaction = false;

  /** The `set` to send before `text`, if it needs the mode the connection is not in. */
  switchFor(text: string, need: PlanNeed): string | undefined {
    if (TRANSACTION_START.test(text)) this.#inTransaction = true;
    else if (TRANSACTION_END.test(text)) this.#inTransaction = false;
    if (this.#inTransaction || need === 'either' || (need === 'generic') === this.#generic) return undefined;
    this.#generic = need === 'generic';
    return this.#generic ? 'set plan_cache_mode = force_generic_plan' : 'reset plan_cache_mode';
  }

  /** A switch failed: the connection's mode is not known. */
  forget() {
    this.#generic = undefined;
  }
}
