import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { CommonErrors } from '@identsphere/common';
import { toFieldErrors } from './field-rules';

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
      // Values are kept only so toFieldErrors can tell a missing field apart; it never copies them out.
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => CommonErrors.validationFailed(toFieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata) {
    // A JSON array or scalar where an object DTO is expected is a validation failure, not a crash.
    if (metadata.type === 'body' && metadata.metatype && this.toValidate(metadata) && (value === undefined || value === null)) value = {};
    if (metadata.type === 'body' && metadata.metatype && this.toValidate(metadata) && (typeof value !== 'object' || Array.isArray(value))) {
      throw CommonErrors.validationFailed([{ field: '', message: 'the body must be a JSON object', rule: 'invalid_type' }]);
    }
    return super.transform(value, metadata);
  }
}
