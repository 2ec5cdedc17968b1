// The `cors` package Nest's enableCors() mounts ships no types (Nest types its options as CorsOptions).
declare module 'cors' {
  import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
  import type { RequestHandler } from 'express';
  export default function cors(options: CorsOptions): RequestHandler;
}
