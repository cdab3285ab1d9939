/**
 * Job-title tokens, shared by the title index (migration 0005 mirrors `titleTokens`, `titleForms` and
 * `wordKeys` in SQL, and the tests check that both sides agree) and the query side of `resolveTitle`.
 *
 * A title becomes tokens: accents folded, lower case, apostrophes dropped, `&` read as "and", everything but
 * letters, digits, `+` and `#` a separator, a few stop words dropped, and plurals folded by suffix rules
 * ("nurses" -> "nurse", "secretaries" -> "secretary", "firemen" -> "fireman"). The rules are crude on purpose:
 * both sides fold the same way, so "sales" and "sale" meet whatever the folded form looks like.
 */

// translate(): one character to one. Letters outside this list are separators on both sides.
export const FOLD_FROM =
  'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆČçćčĎďÈÉÊËĒĖĘĚèéêëēėęěĞğÌÍÎÏĪĮİìíîïīįıŁłÑŃŇñńňÒÓÔÕÖØŌŐòóôõöøōőŘřŚŠŞśšşŤťÙÚÛÜŪŮŰùúûüūůűÝŸýÿŹŻŽźżž';
export const FOLD_TO =
  'AAAAAAAAAaaaaaaaaaCCCcccDdEEEEEEEEeeeeeeeeGgIIIIIIIiiiiiiiLlNNNnnnOOOOOOOOooooooooRrSSSsssTtUUUUUUUuuuuuuuYYyyZZZzzz';
export const STOP_WORDS = 'a an and as at by for from in into of on the to with'.split(' ');

const FOLD = new Map([...FOLD_FROM].map((c, i) => [c, FOLD_TO[i]]));
const STOP = new Set(STOP_WORDS);
/** A character other than printable ASCII (only those can fold). */
const NOT_PLAIN = /[^ -~]/;

/** Plural folding; `title_fold` in SQL. */
export function foldWord(w: string): string {
  if (w.length <= 3 || /[0-9]/.test(w)) return w;
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(w)) return w;
  if (/(ch|sh|x|z|ss)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  if (/..men$/.test(w)) return `${w.slice(0, -3)}man`;
  return w;
}

/** Words of a text before stop words and plural folding (lower case, accents folded). */
export function rawWords(text: string): string[] {
  // (printable ASCII, as most titles are, has nothing to fold)
  let folded = text;
  if (NOT_PLAIN.test(text)) {
    folded = '';
    for (const c of text) folded += FOLD.get(c) ?? c;
  }
  return folded
    .replace(/&/g, ' and ')
    .replace(/['’`ʼ]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

/** The tokens of a title; `title_tokens` in SQL. */
export function titleTokens(text: string): string[] {
  return rawWords(text)
    .filter((w) => !STOP.has(w))
    .map(foldWord);
}

/**
 * The forms a title is matched in: the text without its parenthesised parts, then each parenthesised part
 * ("Registered Nurse (RN)" -> "registered nurse", "rn"); empty and repeated forms are dropped. `title_forms`.
 */
export function titleForms(text: string): string[][] {
  const parts = [text.replace(/\([^()]*\)/g, ' '), ...[...text.matchAll(/\(([^()]*)\)/g)].map((m) => m[1])];
  const seen = new Set<string>();
  const forms: string[][] = [];
  for (const part of parts) {
    const tokens = titleTokens(part);
    const key = tokens.join(' ');
    if (tokens.length === 0 || seen.has(key)) continue;
    seen.add(key);
    forms.push(tokens);
  }
  return forms;
}

/**
 * Typo keys of a word: the word and, from four letters on, the word with each one letter deleted. Two words
 * within one edit (a swap, a dropped, doubled or wrong letter) share a key. `title_word_keys` in SQL.
 */
export function wordKeys(w: string): string[] {
  if (w.length < 4) return [w];
  const keys = new Set([w]);
  for (let i = 0; i < w.length; i++) keys.add(w.slice(0, i) + w.slice(i + 1));
  return [...keys];
}

/** The first letter and the consonants after it: how people shorten words ("spclst", "hnd"). `title_skeleton`. */
export function wordSkeleton(w: string): string {
  return w.slice(0, 1) + w.slice(1).replace(/[aeiou]/g, '');
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return Math.min(rows[a.length][b.length], max + 1);
}
