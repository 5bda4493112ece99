/** The error codes clients can rely on, carried in `extensions.code` of every GraphQL error. */
import { GraphQLError } from 'graphql';

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  DB_UNAVAILABLE = 'DB_UNAVAILABLE',
  /** The work took longer than its time limit and was stopped; nothing was written (HTTP 504). */
  TIMEOUT = 'TIMEOUT',
  /** Too much of this work is running or waiting; retry after `extensions.retryAfter` seconds (HTTP 429). */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** Nobody is left to answer: the request was abandoned by its client. */
  CLIENT_CLOSED_REQUEST = 'CLIENT_CLOSED_REQUEST',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, extensions: Record<string, unknown> = {}): GraphQLError =>
  appError(ErrorCode.BAD_USER_INPUT, message, extensions);

export const notFound = (what: string, id: string): GraphQLError =>
  appError(ErrorCode.NOT_FOUND, `${what} "${id}" does not exist`, { id });

export const conflict = (message: string, extensions: Record<string, unknown> = {}): GraphQLError =>
  appError(ErrorCode.CONFLICT, message, extensions);
