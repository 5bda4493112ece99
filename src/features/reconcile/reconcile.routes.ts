/**
 * The W3C Reconciliation Service API 0.2 over HTTP, mounted at /reconcile:
 *
 *   GET  /reconcile                          the service manifest
 *   GET  /reconcile?queries=<JSON>           a reconciliation query batch (also POST, form field or JSON body)
 *   GET  /reconcile?extend=<JSON>            a data extension query (also POST, form field or JSON body)
 *   GET  /reconcile/suggest/entity?prefix=   suggest services, with `cursor` (and `type` for entities, properties)
 *   GET  /reconcile/suggest/type?prefix=
 *   GET  /reconcile/suggest/property?prefix=
 *   GET  /reconcile/properties?type=         properties data extension proposes for a type
 *   GET  /reconcile/preview?id=              an HTML preview of an entity
 *
 * Every endpoint allows any origin (CORS, as the specification requires: all of it is public and read-only) and
 * answers JSONP to GET requests with `callback`. Errors are a status (400 bad input, 404 unknown, 413 a batch
 * too large, 503 database unavailable) with `{error, code, details?}`.
 */
import cors from 'cors';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { Database } from '../../db/database';
import { newScope, runInScope } from '../../db/request-scope';
import { STATUS_OF_CODE } from '../../graphql/plugins';
import type { NodeKind } from '../../model/graph-model';
import { badInput, ErrorCode } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { findPreview } from './reconcile.repository';
import { kindOf, TYPES } from './reconcile-model';
import {
  extendEntities,
  MAX_SUGGEST_CURSOR,
  proposeProperties,
  reconcileBatch,
  suggestEntities,
  suggestProperties,
  suggestTypes,
} from './reconcile.service';
import { missingPreviewPage, PREVIEW_CSP, PREVIEW_SIZE, previewPage } from './preview';
import { jsonParameter, MAX_BATCH, MAX_EXTEND_VALUES, parseExtendQuery, parseQueryBatch } from './request';

export const RECONCILE_PATH = '/reconcile';
const SUGGEST_ENTITY = '/suggest/entity';
const SUGGEST_TYPE = '/suggest/type';
const SUGGEST_PROPERTY = '/suggest/property';
const PROPOSE_PROPERTIES = '/properties';
const PREVIEW = '/preview';

/** Form bodies of 100 queries with conditions stay far below this. */
const BODY_LIMIT = '2mb';
const MAX_PREFIX_LENGTH = 200;

export interface ReconcileOptions {
  /** The service's public base URL (PUBLIC_URL); null: each request's own scheme and host. */
  publicUrl: string | null;
  /** The path of the page showing one node, the node's id appended (the explorer's `/explorer?focus=`). */
  entityPagePath: string;
  logger: Logger;
}

/** The service manifest: what the service offers and where, with absolute URLs as clients need them. */
export function manifest(base: string, entityPagePath: string): Record<string, unknown> {
  const at = (path: string): { service_url: string; service_path: string } => ({
    service_url: base,
    service_path: `${RECONCILE_PATH}${path}`,
  });
  return {
    versions: ['0.2'],
    name: 'IECM relations graph',
    identifierSpace: `${base}${entityPagePath}`,
    schemaSpace: `${base}${RECONCILE_PATH}#types`,
    defaultTypes: TYPES.map(({ id, name }) => ({ id, name })),
    view: { url: `${base}${entityPagePath}{{id}}` },
    preview: { url: `${base}${RECONCILE_PATH}${PREVIEW}?id={{id}}`, ...PREVIEW_SIZE },
    suggest: { entity: at(SUGGEST_ENTITY), type: at(SUGGEST_TYPE), property: at(SUGGEST_PROPERTY) },
    extend: {
      propose_properties: at(PROPOSE_PROPERTIES),
      property_settings: [
        {
          name: 'limit',
          label: 'Limit',
          type: 'number',
          default: 0,
          help_text: `Most values per cell; 0 for all of them (up to ${MAX_EXTEND_VALUES}).`,
        },
      ],
    },
    batchSize: MAX_BATCH,
  };
}

/** A query-string parameter given once, or undefined; given twice or as a structure, it is refused. */
function parameter(req: express.Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw badInput(`Give the "${name}" parameter once, as text.`);
}

function whole(req: express.Request, name: string, min: number, max: number): number | undefined {
  const value = parameter(req, name);
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw badInput(`"${name}" is a whole number from ${min} to ${max}.`);
  }
  return number;
}

function kindParameter(req: express.Request): NodeKind | null {
  const type = parameter(req, 'type');
  if (type === undefined || type === '') return null;
  const kind = kindOf(type);
  if (!kind) throw badInput(`Unknown type "${type}"; the types are ${TYPES.map((known) => known.id).join(', ')}.`);
  return kind;
}

function prefixParameter(req: express.Request): string {
  const prefix = parameter(req, 'prefix') ?? '';
  if (prefix.length > MAX_PREFIX_LENGTH) throw badInput(`"prefix" is at most ${MAX_PREFIX_LENGTH} characters.`);
  return prefix;
}

/** A host name, IPv4 or bracketed IPv6 address, and an optional port: nothing else goes into a manifest URL. */
const VALID_HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type Handler = (req: express.Request, res: express.Response) => Promise<void>;
const handle =
  (handler: Handler): express.RequestHandler =>
  (req, res, next) => {
    handler(req, res).catch(next);
  };

/** The status and body of an error: coded client errors as they are, anything else logged and masked. */
function errorAnswer(error: unknown, logger: Logger): { status: number; body: Record<string, unknown> } {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    const { code, httpStatus, details } = error.extensions;
    const status = typeof httpStatus === 'number' ? httpStatus : (STATUS_OF_CODE[code] ?? 500);
    if (status >= 500 && code !== String(ErrorCode.DB_UNAVAILABLE))
      logger.error({ err: error }, 'reconciliation failed');
    return { status, body: { error: error.message, code, ...(details === undefined ? {} : { details }) } };
  }
  // body-parser's errors (malformed JSON, a body too large) carry the client status.
  const status =
    typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
      ? error.status
      : 500;
  if (status >= 400 && status < 500) {
    const message = error instanceof Error ? error.message : 'Bad request';
    return { status, body: { error: message, code: ErrorCode.BAD_USER_INPUT } };
  }
  logger.error({ err: error }, 'reconciliation failed');
  return { status: 500, body: { error: 'Internal server error', code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

export function reconcileRouter(db: Database, options: ReconcileOptions): express.Router {
  const router = express.Router();
  /** PUBLIC_URL, else the request's own scheme and Host, once the Host is a host name or address and a port. */
  const baseOf = (req: express.Request): string => {
    if (options.publicUrl) return options.publicUrl;
    const host = req.get('host') ?? 'localhost';
    if (!VALID_HOST.test(host)) {
      throw badInput('The Host header is not a host name with an optional port; set PUBLIC_URL behind a proxy.');
    }
    return `${req.protocol}://${host.toLowerCase()}`;
  };

  /** A batch or an extension, from the query string (GET) or the body (POST); the manifest when neither. */
  const answer = async (req: express.Request, res: express.Response, fields: Record<string, unknown>) => {
    const { queries, extend } = fields;
    if (queries !== undefined && extend !== undefined) throw badInput('Send "queries" or "extend", not both.');
    if (queries !== undefined) {
      res.jsonp(await reconcileBatch(db, parseQueryBatch(jsonParameter(queries, 'queries'))));
    } else if (extend !== undefined) {
      res.jsonp(await extendEntities(db, parseExtendQuery(jsonParameter(extend, 'extend'))));
    } else if (req.method === 'GET') {
      res.jsonp(manifest(baseOf(req), options.entityPagePath));
    } else {
      throw badInput('POST a reconciliation batch as "queries" or a data extension query as "extend".');
    }
  };

  // The specification requires CORS on every endpoint; nothing here needs credentials.
  router.use(cors({ methods: ['GET', 'POST'] }));
  // A client that goes away cancels its Neo4j work.
  router.use((_req, res, next) => {
    const abandoned = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abandoned.abort();
    });
    runInScope(newScope({ operation: 'reconcile', signal: abandoned.signal }), next);
  });

  router.get(
    '/',
    handle((req, res) => answer(req, res, { queries: parameter(req, 'queries'), extend: parameter(req, 'extend') })),
  );
  router.post(
    '/',
    express.urlencoded({ extended: false, limit: BODY_LIMIT }),
    express.json({ limit: BODY_LIMIT }),
    handle((req, res) => {
      const body: unknown = req.body;
      return answer(req, res, isRecord(body) ? body : {});
    }),
  );
  router.get(
    SUGGEST_ENTITY,
    handle(async (req, res) => {
      const kind = kindParameter(req);
      const cursor = whole(req, 'cursor', 0, MAX_SUGGEST_CURSOR) ?? 0;
      res.jsonp(await suggestEntities(db, prefixParameter(req), kind ? [kind] : [], cursor));
    }),
  );
  router.get(
    SUGGEST_TYPE,
    handle(async (req, res) => {
      res.jsonp(suggestTypes(prefixParameter(req), whole(req, 'cursor', 0, MAX_SUGGEST_CURSOR) ?? 0));
    }),
  );
  router.get(
    SUGGEST_PROPERTY,
    handle(async (req, res) => {
      const cursor = whole(req, 'cursor', 0, MAX_SUGGEST_CURSOR) ?? 0;
      res.jsonp(suggestProperties(prefixParameter(req), kindParameter(req), cursor));
    }),
  );
  router.get(
    PROPOSE_PROPERTIES,
    handle(async (req, res) => {
      res.jsonp(proposeProperties(kindParameter(req), whole(req, 'limit', 1, 1_000) ?? null));
    }),
  );
  router.get(
    PREVIEW,
    handle(async (req, res) => {
      const id = parameter(req, 'id');
      if (!id) throw badInput('Give the entity as "id".');
      const facts = await findPreview(db, id);
      res
        .status(facts ? 200 : 404)
        .set({
          'Content-Security-Policy': PREVIEW_CSP,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        })
        .type('html')
        .send(
          facts
            ? previewPage(facts, `${options.entityPagePath}${encodeURIComponent(facts.node.id)}`)
            : missingPreviewPage(id),
        );
    }),
  );
  router.use((req, res) => {
    res.status(404).json({
      error: `No reconciliation endpoint at ${req.method} ${req.baseUrl}${req.path}`,
      code: ErrorCode.NOT_FOUND,
    });
  });
  router.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const { status, body } = errorAnswer(error, options.logger);
    res.status(status).jsonp(body);
  });
  return router;
}
