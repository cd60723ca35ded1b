import type { z } from 'zod';
import type { ErrorCode } from './errors.js';

/** One HTTP endpoint as plain data: method, path, input schemas, success schema, possible errors. */
export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path; `{name}` segments are path parameters, validated by {@link RouteDef.params}. */
  path: string;
  /** Where the server keeps it switched off (a setting), it answers 404 NOT_FOUND. */
  optional?: string;
  summary: string;
  /** Extension endpoints are not in the original spec. */
  extension: boolean;
  /** `admin`: needs `Authorization: Bearer <admin token>`, checked before the input. */
  auth?: 'admin';
  params?: z.ZodObject;
  body?: z.ZodType;
  query?: z.ZodObject;
  /** Success body as JSON. HTTP 200 carries it (code 200, and for receive also code 100). Absent: only `produces`. */
  response?: z.ZodType;
  /** Other media types the success answer may come as (a CSV or zip download). */
  produces?: readonly string[];
  /** Error codes this endpoint can answer besides the ones any endpoint can. */
  errors: readonly ErrorCode[];
}
