import { makeClientFrameSchema } from '@mpchat/contract';
import type WebSocket from 'ws';
import type { z } from 'zod';
import { ChatError } from '../errors/chat-error.js';
import { invalidArgument } from '../errors/validate-input.js';

// One frame schema per content limit, shared by every connection (a zod schema is not small).
const frameSchemas = new Map<number, ReturnType<typeof makeClientFrameSchema>>();
function frameSchemaFor(maxContentLength: number) {
  let schema = frameSchemas.get(maxContentLength);
  if (!schema) frameSchemas.set(maxContentLength, (schema = makeClientFrameSchema(maxContentLength)));
  return schema;
}

/** A client frame as the contract's schema hands it over (validated, normalised). */
export type ParsedClientFrame = z.output<ReturnType<typeof makeClientFrameSchema>>;

/**
 * Reads one client frame: JSON text that the contract's frame schema accepts. Anything else is
 * INVALID_ARGUMENT naming what was wrong, located in `frame`.
 */
export function readClientFrame(data: WebSocket.RawData, isBinary: boolean, maxContentLength: number): ParsedClientFrame | ChatError {
  let frame: unknown;
  try {
    if (isBinary) throw new Error('binary');
    frame = JSON.parse(data.toString());
  } catch {
    return new ChatError('INVALID_ARGUMENT', 'frames must be JSON text', { issues: [{ location: 'frame', path: '', message: 'frame is not JSON text' }] });
  }
  const r = frameSchemaFor(maxContentLength).safeParse(frame);
  if (r.success) return r.data;
  return invalidArgument(r.error, 'frame');
}
