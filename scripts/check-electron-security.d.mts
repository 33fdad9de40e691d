// Types of scripts/check-electron-security.mjs for its test.
export interface Finding {
  check: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  confidence: string;
  /** Relative to the project, with forward slashes; 'N/A' for a global check. */
  file: string;
  line: number;
  column: number;
  sample: string | null;
  description: string;
  url: string;
}
export interface AllowEntry {
  check: string;
  file: string;
  sample?: string;
  reason: string;
}
export interface Verdict {
  failing: Finding[];
  allowed: Finding[];
  minor: Finding[];
  stale: AllowEntry[];
}
export const SOURCE_DIRS: readonly string[];
export const FAILING_SEVERITIES: readonly string[];
export const ALLOW_LIST: string;
export function scan(root: string): Promise<Finding[]>;
export function readAllowList(file: string): Promise<AllowEntry[]>;
export function allows(entry: AllowEntry, finding: Finding): boolean;
export function judge(findings: Finding[], allowList: AllowEntry[]): Verdict;
export function report(verdict: Verdict, allowListPath: string): string;
export function main(argv?: string[]): Promise<number>;
