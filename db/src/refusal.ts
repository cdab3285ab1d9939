/**
 * Ends a command that refused its input (a file that cannot be imported, an export that cannot be restored):
 * says why, and that nothing was written, and fails the command. Any other error is thrown on.
 */
export function reportRefusal(error: unknown, refusal: abstract new (...args: never[]) => Error) {
  if (!(error instanceof refusal)) throw error;
  console.error(`refused: ${error.message}\nNothing was written.`);
  process.exitCode = 1;
}
