import type { RouteDef, RouteName, routes } from '@mpchat/contract';
import type { z } from 'zod';
import { validate } from '../chat/validate-input.js';
import type { HttpContext } from './http-state.js';
import { validQuery } from './query-memo.js';

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler of route `N` is handed: the path parameters, body and query its contract schemas produced (typed, normalised). */
export interface RouteInput<N extends RouteName> {
  params: Output<(typeof routes)[N] extends { params: infer P } ? P : undefined>;
  body: Output<(typeof routes)[N] extends { body: infer B } ? B : undefined>;
  query: Output<(typeof routes)[N] extends { query: infer Q } ? Q : undefined>;
}

/** What a handler of route `N` answers: its contract's success body (an envelope; code 100 travels as HTTP 200). */
export type RouteOutput<N extends RouteName> = (typeof routes)[N] extends { response: infer R extends z.ZodType } ? z.output<R> : { code: 200 };

/** A handler of route `N` (the ts-rest way: validated input in, typed response out). */
export type RouteHandler<N extends RouteName> = (input: RouteInput<N>, ctx: HttpContext) => Promise<RouteOutput<N>>;

/** One handler per contract route (a route without one is not mounted: 404 NOT_FOUND). */
export type RouteHandlers = { [N in RouteName]?: RouteHandler<N> };

/** Reads a request's input as the route definition declares it: `body` and `query`, each validated by its schema. */
export function readRouteInput(def: RouteDef, ctx: HttpContext): { params: unknown; body: unknown; query: unknown } {
  return {
    params: def.params ? validate(def.params, ctx.params, 'path') : undefined,
    body: def.body ? validate(def.body, ctx.request.body, 'body') : undefined,
    query: def.query ? validQuery(def.query, ctx) : undefined,
  };
}
