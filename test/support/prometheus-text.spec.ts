import { parsePrometheusText, valueOf } from './prometheus-text';

const gauge = (value: string) => parsePrometheusText(`# TYPE runtime_lag_seconds gauge\nruntime_lag_seconds{quantile="p99"} ${value}\n`);

describe('parsePrometheusText', () => {
  // prom-client writes `Nan` for a runtime gauge with no observation yet (right after boot) and ±Inf for
  // unbounded values; Prometheus reads values as Go's ParseFloat does, so every spelling it takes must parse.
  it.each([
    ['NaN', NaN],
    ['Nan', NaN],
    ['nan', NaN],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['Inf', Infinity],
    ['-infinity', -Infinity],
    ['1.5e3', 1500],
    ['-0.25', -0.25],
    ['.5', 0.5],
  ])('reads the sample value %s', (text, expected) => {
    expect(valueOf(gauge(text), 'runtime_lag_seconds', { quantile: 'p99' })).toBe(expected);
  });

  it.each(['+NaN', 'Infinit', 'one', '1,5', '0x10', ''])('refuses the sample value %j', (text) => {
    expect(() => gauge(text)).toThrow(/line 2/);
  });

  it('reads a histogram whose last bucket is le="+Inf" as samples of its family', () => {
    const text = ['# TYPE req_seconds histogram', 'req_seconds_bucket{le="0.1"} 2', 'req_seconds_bucket{le="+Inf"} 3', 'req_seconds_sum 0.4', 'req_seconds_count 3'].join('\n');
    const exposition = parsePrometheusText(text);
    expect(valueOf(exposition, 'req_seconds_bucket', { le: '+Inf' })).toBe(3);
    expect(valueOf(exposition, 'req_seconds_count')).toBe(3);
  });

  it('refuses a sample of a family without a TYPE line', () => {
    expect(() => parsePrometheusText('orphan_total 1')).toThrow('sample without a TYPE');
  });

  it('answers 0 for a series that does not exist yet, and refuses an ambiguous label filter', () => {
    const exposition = parsePrometheusText('# TYPE hits_total counter\nhits_total{route="/a"} 1\nhits_total{route="/b"} 2');
    expect(valueOf(exposition, 'hits_total', { route: '/c' })).toBe(0);
    expect(() => valueOf(exposition, 'hits_total')).toThrow('2 samples of hits_total');
  });
});
