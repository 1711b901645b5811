// The server's route matching is patched (patches/@remix-run+router…): the ranked route tree and
// the matches of recent paths are remembered. What callers get must not change.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

// The CommonJS build, the one @remix-run/server-runtime loads and the patch changes.
const { matchRoutes } = createRequire(import.meta.url)('@remix-run/router') as typeof import('@remix-run/router');

const routes = [
  {
    id: 'root',
    path: '/',
    children: [
      { id: 'today', path: 'c/:centerId/today/:roomId?' },
      { id: 'child', path: 'c/:centerId/children/:childId' },
      { id: 'splat', path: '*' },
    ],
  },
];
const summary = (path: string) =>
  matchRoutes(routes, path)?.map((m) => [m.route.id, m.pathname, { ...m.params }]) ?? null;

it('answers a repeated path as the first time, and callers cannot change what the next one gets', () => {
  const first = matchRoutes(routes, '/c/tas/today/r1')!;
  expect(summary('/c/tas/today/r1')).toEqual([
    ['root', '/', { centerId: 'tas', roomId: 'r1' }],
    ['today', '/c/tas/today/r1', { centerId: 'tas', roomId: 'r1' }],
  ]);
  (first[1].params as Record<string, string>).centerId = 'changed';
  expect(matchRoutes(routes, '/c/tas/today/r1')![1].params.centerId).toBe('tas');
  expect(summary('/c/tas/today')).toEqual([
    ['root', '/', { centerId: 'tas' }],
    ['today', '/c/tas/today', { centerId: 'tas' }],
  ]);
});

it('matches every path right past the number it remembers', () => {
  for (let i = 0; i < 2_500; i++) expect(matchRoutes(routes, `/c/tas/children/k${i}`)![1].params.childId).toBe(`k${i}`);
  expect(summary('/nothing/here')![1]).toEqual(['splat', '/nothing/here', { '*': 'nothing/here' }]);
  expect(matchRoutes([{ id: 'only', path: '/a' }], '/b')).toBeNull();
  expect(matchRoutes([{ id: 'only', path: '/a' }], '/b')).toBeNull();
});
