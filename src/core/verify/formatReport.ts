// Renders a verify report for people (text), machines (json), GitHub Actions annotations
// (github) and code-scanning tools (SARIF 2.1.0).
import { toSarif } from './sarif';
import type { VerifyReport } from './verify';

export const VERIFY_FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

function escapeGithub(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command property value (`file=`): also `,` and `:`, which end a property or the list. */
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
        [...report.violations.map((v) => `✗ ${v.message}`), ...report.notices.map((n) => `note: ${n}`), summaryLine(report)].join('\n') +
        '\n'
      );
  }
}

function summaryLine(r: VerifyReport): string {
  const verdict = r.violations.length ? `${r.violations.length} violation(s)` : 'OK';
  return `aiprov verify: ${verdict} — ${r.filesChecked} file(s), ${r.spansApproved}/${r.spansChecked} AI span(s) signed off (base ${r.base.slice(0, 8)})`;
}
