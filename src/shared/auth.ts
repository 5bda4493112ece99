/**
 * Who is calling. Reads are public; writes need `Authorization: Bearer <token>`, either a static token
 * from AUTH_TOKENS (compared in constant time) or a JWT verified with jose against JWT_SECRET or
 * JWT_JWKS_URL, its role in JWT_ROLE_CLAIM. Tokens are never logged.
 *
 * Principals are namespaced by how they were proven: a static token's name is `token:<name>`, a JWT's
 * `jwt:<issuer>:<sub>`. The name is who wrote a change (history), whose Idempotency-Keys are whose, and who owns a
 * saved map: a JWT whose `sub` equals a static token's name is another principal, and cannot act as that token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig, Role } from './config';
import { appError, ErrorCode } from './errors';

export interface Principal {
  /** `token:<name>` or `jwt:<issuer>:<sub>`: never the same for two ways of signing in. */
  name: string;
  role: Role;
  via: 'token' | 'jwt';
}

/** The outcome for one request: a principal, nobody (no header), or why the credentials failed. */
export interface AuthState {
  principal: Principal | null;
  error: GraphQLError | null;
}

const ROLE_RANK: Record<Role, number> = { editor: 1, admin: 2 };

export function hasRole(principal: Principal, needed: Role): boolean {
  return ROLE_RANK[principal.role] >= ROLE_RANK[needed];
}

/** The principal of a static token of AUTH_TOKENS, by its configured name. */
export const tokenPrincipal = (name: string): string => `token:${name}`;

/** The principal of a JWT: its issuer and subject (an issuer's subjects are its own). */
export const jwtPrincipal = (issuer: string, subject: string): string => `jwt:${issuer}:${subject}`;

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

const unauthenticated = (message: string): AuthState => ({
  principal: null,
  error: appError(ErrorCode.UNAUTHENTICATED, message),
});

export class Authenticator {
  private readonly tokenDigests: { name: string; role: Role; digest: Buffer }[];
  private readonly jwtKey: Uint8Array | JWTVerifyGetKey | null;

  constructor(private readonly config: AuthConfig) {
    this.tokenDigests = config.tokens.map(({ name, role, token }) => ({ name, role, digest: digest(token) }));
    this.jwtKey = config.jwt?.secret
      ? new TextEncoder().encode(config.jwt.secret)
      : config.jwt?.jwksUrl
        ? createRemoteJWKSet(new URL(config.jwt.jwksUrl))
        : null;
  }

  async authenticate(authorization: string | undefined): Promise<AuthState> {
    if (!authorization) return { principal: null, error: null };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) return unauthenticated('The Authorization header must be "Bearer <token>".');
    const token = match[1]!;
    const fromTable = this.matchStaticToken(token);
    if (fromTable) return { principal: fromTable, error: null };
    if (this.jwtKey && token.split('.').length === 3) return this.verifyJwt(token);
    return unauthenticated('The token is not valid.');
  }

  /** Compares against every configured token, digest to digest, without stopping at a match. */
  private matchStaticToken(token: string): Principal | null {
    const given = digest(token);
    let found: Principal | null = null;
    for (const entry of this.tokenDigests) {
      if (timingSafeEqual(given, entry.digest) && !found)
        found = { name: tokenPrincipal(entry.name), role: entry.role, via: 'token' };
    }
    return found;
  }

  private async verifyJwt(token: string): Promise<AuthState> {
    const jwt = this.config.jwt!;
    try {
      // A token without `exp` would never expire: required, and no further ahead than the configured lifetime.
      const options = { issuer: jwt.issuer, audience: jwt.audience, requiredClaims: ['exp'] };
      const { payload } =
        this.jwtKey instanceof Uint8Array
          ? await jwtVerify(token, this.jwtKey, { ...options, algorithms: ['HS256', 'HS384', 'HS512'] })
          : await jwtVerify(token, this.jwtKey as JWTVerifyGetKey, options);
      const secondsLeft = (payload.exp ?? 0) - Math.floor(Date.now() / 1000);
      if (secondsLeft > jwt.maxLifetimeSeconds) {
        return unauthenticated(
          `The token is valid for ${secondsLeft} s more; tokens may live at most ${jwt.maxLifetimeSeconds} s.`,
        );
      }
      const claim = payload[jwt.roleClaim];
      const roles = (Array.isArray(claim) ? claim : [claim]).filter(
        (role): role is Role => role === 'editor' || role === 'admin',
      );
      if (roles.length === 0) {
        return {
          principal: null,
          error: appError(ErrorCode.FORBIDDEN, `The token has no editor or admin role in "${jwt.roleClaim}".`),
        };
      }
      if (typeof payload.sub !== 'string' || payload.sub === '') {
        return unauthenticated('The token has no subject ("sub"): writes need to know who makes them.');
      }
      const role = roles.reduce((best, role) => (ROLE_RANK[role] > ROLE_RANK[best] ? role : best));
      return { principal: { name: jwtPrincipal(payload.iss ?? '', payload.sub), role, via: 'jwt' }, error: null };
    } catch (error) {
      return unauthenticated(`The token is not valid: ${(error as Error).message}`);
    }
  }
}

/** type-graphql's authChecker: throws UNAUTHENTICATED without valid credentials, FORBIDDEN for a weaker role. */
export function requireRole(auth: AuthState, roles: readonly string[]): Principal {
  if (auth.error) throw auth.error;
  if (!auth.principal) throw appError(ErrorCode.UNAUTHENTICATED, 'Writes need "Authorization: Bearer <token>".');
  const needed = (roles[0] as Role | undefined) ?? 'editor';
  if (!hasRole(auth.principal, needed)) {
    throw appError(
      ErrorCode.FORBIDDEN,
      `This needs the ${needed} role; "${auth.principal.name}" is ${auth.principal.role}.`,
    );
  }
  return auth.principal;
}
