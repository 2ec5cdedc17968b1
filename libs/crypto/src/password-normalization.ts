/** NFKC and nothing else: no trimming, no case folding, as docs/api.md promises clients. */
export const normalizePassword = (password: string): string => password.normalize('NFKC');

/** Length in Unicode code points, after NFKC (an emoji is one, not two UTF-16 units). */
export const codePointLength = (value: string): number => [...value].length;
