/**
 * Long-lived helpers of one server that a feature defines (the documents' worker-thread pool...): made on first
 * use, closed when the server stops. The GraphQL layer knows no feature: a feature hands in a `Resource` that says
 * how to make and close its helper, as it hands the loader registry a loader factory.
 */
import type { Config } from '../shared/config';

/** The configuration a resource is made from. */
export type ResourceConfig = Pick<Config, 'analysis'>;

export interface Resource<T> {
  create(config: ResourceConfig): T;
  close(value: T): Promise<void>;
}

export class ServerResources {
  private readonly made = new Map<Resource<unknown>, unknown>();

  constructor(private readonly config: ResourceConfig) {}

  get<T>(resource: Resource<T>): T {
    if (!this.made.has(resource)) {
      this.made.set(resource, resource.create(this.config));
    }
    return this.made.get(resource) as T;
  }

  /** Closes every resource made (a graceful stop, once the requests in flight are answered). */
  async close(): Promise<void> {
    const made = [...this.made.entries()];
    this.made.clear();
    await Promise.all(made.map(([resource, value]) => resource.close(value)));
  }
}
