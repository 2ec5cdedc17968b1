import { cliOptions } from './cli';

describe('bench command line', () => {
  it('reads --peers and --runs in either form', () => {
    expect(cliOptions([])).toEqual({});
    expect(cliOptions(['--peers', '--runs', '3'])).toEqual({ peers: true, runs: '3' });
    expect(cliOptions(['--runs=5'])).toEqual({ runs: '5' });
  });

  it('refuses unknown arguments and a --runs without its number', () => {
    expect(() => cliOptions(['--peer'])).toThrow(/unknown argument --peer/);
    expect(() => cliOptions(['--runs'])).toThrow(/needs a number/);
  });
});
