import { GUESSABILITY_PREFIX_CODE_POINTS, judgeGuessability, MIN_GUESSABILITY_SCORE } from './password-guessability';

describe('judgeGuessability', () => {
  it('judges only the first code points, so a 256-character input costs no more than a short one', () => {
    const strongPrefix = 'x7Qm-Rt2v-Lp9z-Wk4s-Hn6b';
    expect([...strongPrefix]).toHaveLength(GUESSABILITY_PREFIX_CODE_POINTS);

    expect(judgeGuessability(strongPrefix + 'a'.repeat(232), []).score).toBeGreaterThanOrEqual(MIN_GUESSABILITY_SCORE);
    expect(judgeGuessability('qwerty'.repeat(4) + strongPrefix, []).score).toBeLessThan(MIN_GUESSABILITY_SCORE);
  });

  it('counts the prefix in code points, not UTF-16 units', () => {
    const emoji = Array.from({ length: GUESSABILITY_PREFIX_CODE_POINTS }, (_, i) => String.fromCodePoint(0x1f600 + i)).join('');
    expect(judgeGuessability(emoji + 'password', []).score).toBeGreaterThanOrEqual(MIN_GUESSABILITY_SCORE);
  });

  it('treats the context words as the first guesses', () => {
    expect(judgeGuessability('zorvexquillantra', []).score).toBeGreaterThanOrEqual(MIN_GUESSABILITY_SCORE);
    expect(judgeGuessability('zorvexquillantra', ['zorvex', 'quillantra']).score).toBeLessThan(MIN_GUESSABILITY_SCORE);
  });

  it('gives feedback for a guessable password', () => {
    const judged = judgeGuessability('iloveyou1234567', []);
    expect(judged.warning.length + judged.suggestions.length).toBeGreaterThan(0);
  });
});
