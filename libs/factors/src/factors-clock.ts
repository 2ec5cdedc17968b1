import { Injectable } from '@nestjs/common';

/** The time TOTP codes are checked against; tests move it instead of waiting for a time step to pass. */
@Injectable()
export class FactorsClock {
  nowSeconds(): number {
    return Math.floor(Date.now() / 1000);
  }
}
