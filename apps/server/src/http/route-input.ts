import type { RouteDef, RouteName, routes } from '@mpchat/contract';
import type { z } from 'zod';
import { validate } from '../errors/validate-input.js';
import type { HttpContext } from './http-state.js';
import { validQuery } from './query-memo.js';

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler of route `N` is handed: the body and query its contract schemas produced (typed, normalised). */
export interface RouteInput<N extends RouteName> {
  body: Output<(typeof routes)[N] extends { body: infer B } ? B : undefined>;
  query: Output<(typeof routes)[N] extends { query: infer Q } ? Q : undefined>;
}

/** What a handler of route `N` answers: its contract's success body (an envelope; code 100 travels as HTTP 200). */
export type RouteOutput<N extends RouteName> = z.output<(typeof routes)[N]['response']>;

/** A handler of route `N` (the ts-rest way: validated input in, typed response out). */
export type RouteHandler<N extends RouteName> = (input: RouteInput<N>, ctx: HttpContext) => Promise<RouteOutput<N>>;

/** One handler per contract route. */
export type RouteHandlers = { [N in RouteName]: RouteHandler<N> };

/** Reads a request's input as the route definition declares it: `body` and `query`, each validated by its schema. */
export function readRouteInput(def: RouteDef, ctx: HttpContext): { body: unknown; query: unknown } {
  return {
    body: def.body ? validate(def.body, ctx.request.body, 'body') : undefined,
    query: def.query ? validQuery(def.query, ctx) : undefined,
  };
}
