// What every CLI command receives and returns. Exit codes: 0 clean, 1 violations, 2 usage or
// I/O errors.
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** All of standard input, as UTF-8 text (read once, when a command needs it). */
  readStdin: () => Promise<string>;
  cwd: string;
}

export type CliCommand = (args: string[], io: CliIO) => Promise<number>;

/** A problem with how the command was called: one line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
