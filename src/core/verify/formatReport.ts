// Renders a verify report for people (text), machines (json), GitHub Actions annotations
// (github) and code-scanning tools (SARIF 2.1.0).
import { toSarif } from './sarif';
import type { VerifyReport } from './verify';

export const VERIFY_FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

// Control characters and bidirectional overrides, which a file name may hold.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Visible escapes for what a terminal or log viewer would act on (a newline or an ANSI escape in
 * a file name), so no name can forge, hide or reorder a line of the report.
 */
function printable(value: string): string {
  return value.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u{${c.charCodeAt(0).toString(16)}}`);
}

function escapeGithub(value: string): string {
  return printable(value).replace(/%/g, '%25');
}

/** A workflow command property: `,` and `:` would end it early. */
function escapeGithubProperty(value: string): string {
  return escapeGithub(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatVerifyReport(report: VerifyReport, format: VerifyFormat, toolVersion: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'github':
      return (
        report.violations
          .map(
            (v) =>
              `::error file=${escapeGithubProperty(v.file)}${v.startLine ? `,line=${v.startLine},endLine=${v.endLine ?? v.startLine}` : ''},title=aiprov ${v.kind}::${escapeGithub(v.message)}`,
          )
          .concat(report.notices.map((n) => `::notice title=aiprov::${escapeGithub(n)}`))
          .join('\n') +
        (report.violations.length || report.notices.length ? '\n' : '') +
        summaryLine(report) +
        '\n'
      );
    case 'sarif':
      return JSON.stringify(toSarif(report, toolVersion), null, 2) + '\n';
    case 'text':
      return (
        [
          ...report.violations.map((v) => `✗ ${printable(v.message)}`),
          ...report.notices.map((n) => `note: ${printable(n)}`),
          summaryLine(report),
        ].join('\n') + '\n'
      );
  }
}

function summaryLine(r: VerifyReport): string {
  const verdict = r.violations.length ? `${r.violations.length} violation(s)` : 'OK';
  return `aiprov verify: ${verdict} — ${r.filesChecked} file(s), ${r.spansApproved}/${r.spansChecked} AI span(s) signed off (base ${r.base.slice(0, 8)})`;
}
