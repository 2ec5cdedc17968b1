import { plainToInstance } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength, validateSync } from 'class-validator';
import { toFieldErrors } from './field-rules';

class Probe {
  @IsString() @IsEmail() email: string;
  @IsOptional() @IsString() @MaxLength(3) nickname?: string;
}

const errorsFor = (body: object) => toFieldErrors(validateSync(plainToInstance(Probe, body), { whitelist: true, forbidNonWhitelisted: true }));

describe('toFieldErrors', () => {
  it('reports a missing field once, as required', () => {
    expect(errorsFor({})).toEqual([{ field: 'email', message: 'is required', rule: 'required' }]);
  });

  it('names our rules, never the validator constraint names', () => {
    const rules = errorsFor({ email: 'nope', nickname: 'toolong', extra: 1 }).map((e) => [e.field, e.rule]);
    expect(rules).toEqual(
      expect.arrayContaining([
        ['email', 'invalid_email'],
        ['nickname', 'too_long'],
        ['extra', 'unknown_property'],
      ]),
    );
    expect(rules).toHaveLength(3);
    expect(errorsFor({ email: 42 }).map((e) => e.rule).sort()).toEqual(['invalid_email', 'invalid_type']);
  });

  it('never copies a submitted value into the answer', () => {
    const secret = 'hunter2-Qx81@@@';
    expect(JSON.stringify(errorsFor({ email: secret, nickname: secret }))).not.toContain('Qx81');
  });
});
