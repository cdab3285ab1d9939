/** A citation's quote in quotation marks, or a dash when it has none. */
export function CitationQuote({ quote }: { quote?: string | null }) {
  return quote ? <i>“{quote}”</i> : '—';
}
