import { HttpResponse } from 'msw';

import type { paths } from '@/lib/api/openapi';

type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';

/** The responses an operation of the gateway's API document declares. */
type Responses<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? R
  : never;

/** The body the document gives a status of that operation (JSON or problem+json). */
export type ResponseBody<
  P extends keyof paths,
  M extends Method,
  S extends keyof Responses<P, M>,
> = Responses<P, M>[S] extends { content: infer C } ? C[keyof C] : never;

/**
 * A mocked answer of the gateway whose body must have the shape `docs/openapi.json` gives that path, method and status:
 * a handler or fixture of another shape does not compile.
 */
export function answer<P extends keyof paths, M extends Method, S extends keyof Responses<P, M> & number>(
  _path: P,
  _method: M,
  status: S,
  body: ResponseBody<P, M, S>,
  headers: Record<string, string> = {},
) {
  return HttpResponse.json(body, {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}
