/** 1234.5 → "1,235"; 12.34 → "12.3"; 1.234 → "1.23"; NaN → "n/a". */
export function num(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const ms = (value: number) => `${num(value)} ms`;
