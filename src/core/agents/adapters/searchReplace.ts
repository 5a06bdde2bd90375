// Cline's replace_in_file `diff`: blocks of `------- SEARCH` / `=======` / `+++++++ REPLACE`
// (older releases: `<<<<<<< SEARCH` / `=======` / `>>>>>>> REPLACE`), applied in order.
import type { Replacement } from '../types';

const SEARCH = /^[-<]{3,} ?SEARCH>?\s*$/;
const DIVIDER = /^={3,}\s*$/;
const REPLACE = /^[+>]{3,} ?REPLACE>?\s*$/;

export function parseSearchReplace(diff: string): Replacement[] {
  const out: Replacement[] = [];
  let state: 'out' | 'search' | 'replace' = 'out';
  let search: string[] = [];
  let replace: string[] = [];
  for (const line of diff.replace(/\r\n/g, '\n').split('\n')) {
    if (state === 'out' && SEARCH.test(line)) {
      state = 'search';
      search = [];
      replace = [];
    } else if (state === 'search' && DIVIDER.test(line)) state = 'replace';
    else if (state === 'replace' && REPLACE.test(line)) {
      out.push({ oldText: search.join('\n'), newText: replace.join('\n') });
      state = 'out';
    } else if (state === 'search') search.push(line);
    else if (state === 'replace') replace.push(line);
  }
  return out;
}
