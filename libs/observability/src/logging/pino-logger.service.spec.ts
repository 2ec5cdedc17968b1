import { createRootLogger } from './root-logger';
import { PinoLoggerService } from './pino-logger.service';

describe('PinoLoggerService (Nest logging through pino)', () => {
  let text: string;
  let service: PinoLoggerService;
  const lines = () => text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  beforeEach(() => {
    text = '';
    service = new PinoLoggerService(createRootLogger({ level: 'debug', destination: { write: (c: string) => (text += c) } }));
  });

  it('turns the trailing context argument into a field', () => {
    service.log('connected (external)', 'Database');
    expect(lines()[0]).toMatchObject({ level: 'info', msg: 'connected (external)', context: 'Database' });
  });

  it('keeps the stack of an error separate from its message', () => {
    service.error('unhandled error requestId=r1', 'Error: boom\n    at x', 'Errors');
    expect(lines()[0]).toMatchObject({ level: 'error', msg: 'unhandled error requestId=r1', stack: 'Error: boom\n    at x', context: 'Errors' });
  });

  it('logs Error objects with their type and message', () => {
    service.warn(new TypeError('bad thing'), 'Ctx');
    expect(lines()[0]).toMatchObject({ level: 'warn', msg: 'bad thing', context: 'Ctx', err: { type: 'TypeError', message: 'bad thing' } });
  });

  it('maps verbose below debug, so level debug hides it', () => {
    service.verbose('very chatty', 'Ctx');
    service.debug('chatty', 'Ctx');
    expect(lines().map((l) => l.msg)).toEqual(['chatty']);
  });
});
