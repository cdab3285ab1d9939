/** Where a request's outcome goes: its answer, its error message (null once it answers), and whether it runs. */
export interface AnswerTo<T> {
  answer: (value: T) => void;
  error: (message: string | null) => void;
  loading: (running: boolean) => void;
}

/** Follows a request to its end; an aborted request (the input changed meanwhile) reports nothing. */
export function follow<T>(request: () => Promise<T>, to: AnswerTo<T>) {
  to.loading(true);
  request()
    .then((value) => {
      to.answer(value);
      to.error(null);
    })
    .catch((e: Error) => {
      if (e.name !== 'AbortError') to.error(e.message);
    })
    .finally(() => to.loading(false));
}
