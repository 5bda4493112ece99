/**
 * Mutations declared as data: each is its arguments, its return type, the role it needs, what it means and the
 * service call it makes. One factory turns a table of them into a resolver class (as type-graphql's
 * resolvers-inheritance example builds resolvers), so every write is authorized and wired the same way, and
 * each mutation is declared once.
 */
import { Arg, Authorized, Ctx, Mutation, Resolver, UseMiddleware, type ClassType } from 'type-graphql';
import { requireRole, type Principal } from '../shared/auth';
import type { Role } from '../shared/config';
import type { Context } from './context';
import { textInputs } from './text-inputs';

/** One argument: its GraphQL type and description. `T` is the value the service receives. */
export interface ArgSpec<T> {
  type: () => object;
  description: string;
  /** Phantom: carries the value type for the checker only. */
  value?: T;
}

export const arg = <T>(type: () => object, description: string): ArgSpec<T> => ({ type, description });

type ArgValues<A> = { [K in keyof A]: A[K] extends ArgSpec<infer T> ? T : never };

interface DeclaredMutation {
  returns: () => object;
  role: Role;
  description: string;
  args: Record<string, ArgSpec<unknown>>;
  invoke: (ctx: Context, actor: Principal, values: Record<string, unknown>) => Promise<unknown>;
}

/** Declares a mutation; `run` gets the arguments typed as declared. */
export function mutation<A extends Record<string, ArgSpec<unknown>>, R>(spec: {
  returns: () => object;
  role: Role;
  description: string;
  args: A;
  run: (ctx: Context, actor: Principal, args: ArgValues<A>) => Promise<R>;
}): DeclaredMutation {
  const { run, ...declaration } = spec;
  return {
    ...declaration,
    // GraphQL has validated and typed the values against the declared arguments.
    invoke: (ctx, actor, values) => run(ctx, actor, values as ArgValues<A>),
  };
}

/** A resolver class with the given mutations. */
export function mutationsResolver(name: string, mutations: Record<string, DeclaredMutation>): ClassType {
  @Resolver()
  class MutationsResolver {}
  const prototype: object = MutationsResolver.prototype;

  for (const [field, spec] of Object.entries(mutations)) {
    const argNames = Object.keys(spec.args);
    const descriptor: PropertyDescriptor = {
      value: (...params: unknown[]) => {
        const ctx = params[argNames.length] as Context;
        const values = Object.fromEntries(argNames.map((argName, i) => [argName, params[i]]));
        return spec.invoke(ctx, requireRole(ctx.auth, [spec.role]), values);
      },
      configurable: true,
    };
    Object.defineProperty(prototype, field, descriptor);
    argNames.forEach((argName, i) => {
      const { type, description } = spec.args[argName] ?? { type: () => String, description: '' };
      Arg(argName, type, { description })(prototype, field, i);
    });
    Ctx()(prototype, field, argNames.length);
    Authorized(spec.role)(prototype, field, descriptor);
    // Strings are checked at the door of every mutation, after the role (type-graphql runs @Authorized first).
    UseMiddleware(textInputs)(prototype, field, descriptor);
    Mutation(spec.returns, { description: spec.description })(prototype, field, descriptor);
  }
  Object.defineProperty(MutationsResolver, 'name', { value: name });
  return MutationsResolver;
}
