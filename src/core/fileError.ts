// A problem with one input file, said the way every aiprov message says it: `<file>: <reason>`.
// The kinds (policy, incidents, audit settings, unsafe paths) subclass it so callers can tell
// them apart; the message and fields are the same everywhere.
export class FileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = new.target.name;
  }
}
