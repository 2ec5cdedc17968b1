import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonErrors, FieldError } from '@identsphere/common';

/**
 * Whitelisting validation with unknown properties rejected; failures become 400 `validation_failed`
 * with one entry per field and the violated rule.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => CommonErrors.validationFailed(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata) {
    // A JSON array or scalar where an object DTO is expected is a validation failure, not a crash.
    if (metadata.type === 'body' && metadata.metatype && this.toValidate(metadata) && (value === undefined || value === null)) value = {};
    if (metadata.type === 'body' && metadata.metatype && this.toValidate(metadata) && (typeof value !== 'object' || Array.isArray(value))) {
      throw CommonErrors.validationFailed([{ field: '', message: 'the body must be a JSON object', rule: 'isObject' }]);
    }
    return super.transform(value, metadata);
  }
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? 'unknown property' : message,
      rule: rule === 'whitelistValidation' ? 'unknown_property' : rule,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
