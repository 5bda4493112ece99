/**
 * The Express handler of /graphql: what @as-integrations/express5 does (the request handed to Apollo, its answer
 * written back), except that a POST's answer is written with one `res.end(string)`. Express's `res.send` turns a
 * body of 1,000 characters or more into a Buffer, which Node writes after the headers as a second chunk (a
 * `writev` per response), and hashes it for an ETag no POST uses. GET answers keep `res.send` (ETag, 304).
 */
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type express from 'express';
import type { Context } from './context';

export function graphqlHandler(
  apollo: ApolloServer<Context>,
  context: (req: express.Request) => Promise<Context>,
): express.RequestHandler {
  apollo.assertStarted('graphqlHandler()');
  return async (req, res) => {
    if (!('body' in req)) {
      res.status(500).send('`req.body` is not set: the JSON body parser must run before the GraphQL handler.');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const query = req.url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: query < 0 ? '' : req.url.slice(query),
        body: req.body,
      },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      // Headers and body in one write; Node sets Content-Length from the string.
      if (req.method === 'POST') res.end(response.body.string);
      else res.send(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
