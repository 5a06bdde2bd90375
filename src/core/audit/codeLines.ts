// Which lines count as code: SZZ ignores blank and comment-only lines, both when tracing a fix's
// lines back and when counting the lines each class introduced (so rates compare like with like).
const HASH_COMMENTS =
  /\.(py|sh|bash|zsh|rb|pl|r|ya?ml|toml|cfg|conf|ini|ps1|mk|cmake|tf|dockerfile)$|(^|\/)(Makefile|Dockerfile|CMakeLists\.txt)$/i;
const DASH_COMMENTS = /\.(sql|lua|hs|elm|ada)$/i;
const SEMI_COMMENTS = /\.(clj|cljs|el|lisp|scm|asm|s)$/i;
const PY_DOCSTRING = /^[rRuUbB]{0,2}("""|''')(?:(?!\1).)*\1$/;
const MARKUP = /\.(html?|xml|svg|vue|md)$/i;

export function isCodeLine(path: string, text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  // A Python line that is only a one-line string (`"""Docstring."""`) documents, as a comment does.
  if (/\.pyi?$/i.test(path)) return !(t.startsWith('#') || PY_DOCSTRING.test(t));
  if (HASH_COMMENTS.test(path)) return !t.startsWith('#');
  if (DASH_COMMENTS.test(path)) return !t.startsWith('--');
  if (SEMI_COMMENTS.test(path)) return !t.startsWith(';');
  // A block comment that closes on the line is comment-only when nothing but comments follows it
  // (`/* istanbul ignore next */ if (x) {` is code); one that does not close is the comment's start.
  if (MARKUP.test(path)) return !t.startsWith('<!--') || codeAfter(path, t, '-->', 4);
  // C-family, JavaScript, TypeScript, Java, Go, Rust, C#, Swift, Kotlin and the like.
  if (t.startsWith('/*')) return codeAfter(path, t, '*/', 2);
  return !(t.startsWith('//') || /^\*(\s|\/|$)/.test(t));
}

function codeAfter(path: string, t: string, close: string, from: number): boolean {
  const end = t.indexOf(close, from);
  return end >= 0 && isCodeLine(path, t.slice(end + close.length));
}
