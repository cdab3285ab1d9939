import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** zxcvbn scores 0 (guessed at once) to 4; 3 means about 10^8 guesses or more. */
export const MIN_PASSWORD_SCORE = 3;

let checker: ZxcvbnFactory | undefined;

/**
 * Why a password is too easy to guess (common passwords, dictionary words, names, keyboard runs, dates, the
 * account's own address), or null when it is strong enough. The dictionaries load on first use.
 */
export function passwordWeakness(password: string, userInputs: readonly string[] = []): string | null {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  const result = checker.check(password, [...userInputs]);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return hint || 'it is easy to guess';
}
