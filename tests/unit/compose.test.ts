/**
 * docker-compose.yml read as Compose would (no Docker needed): safe to deploy as it is. Neo4j is not reachable
 * from other machines, no secret has a default, every image is pinned, every service restarts and reports its
 * health, the API scales behind the bundled proxy, and every setting of the configuration table reaches the API.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/shared/config';

const ROOT = path.join(__dirname, '..', '..');
const text = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  restart?: string;
  ports?: string[];
  expose?: string[];
  environment?: Record<string, string | null>;
  healthcheck?: { test: unknown };
  deploy?: { replicas?: string | number };
  container_name?: string;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}
const compose = parse(text) as { services: Record<string, Service> };
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};

/** The host interface a `ports` entry binds: '0.0.0.0' when it names none. */
function hostInterface(entry: string): string {
  const parts = entry.split(':');
  return parts.length >= 3 ? (parts[0] ?? '') : '0.0.0.0';
}

describe('docker-compose.yml', () => {
  it('publishes Neo4j on 127.0.0.1 at most', () => {
    const ports = service('neo4j').ports ?? [];
    expect(ports.map(hostInterface).filter((host) => host !== '127.0.0.1')).toEqual([]);
  });

  it('has no default secret: compose refuses to start without NEO4J_PASSWORD', () => {
    expect(text).not.toMatch(/change-me|NEO4J_PASSWORD:-/);
    expect(service('neo4j').environment?.NEO4J_AUTH).toMatch(/^neo4j\/\$\{NEO4J_PASSWORD:\?[^}]+\}$/);
    expect(service('api').environment?.NEO4J_PASSWORD).toMatch(/^\$\{NEO4J_PASSWORD:\?[^}]+\}$/);
    // The other secrets are passed through only: no value written here.
    for (const secret of ['AUTH_TOKENS', 'JWT_SECRET']) expect(service('api').environment?.[secret]).toBeNull();
  });

  it('pins every image to a release, and every service restarts and has a health check', () => {
    for (const [name, { image, restart, healthcheck }] of Object.entries(services)) {
      expect({ name, image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:\d+\.\d+\.\d+[\w.-]*$/) });
      expect({ name, restart }).toEqual({ name, restart: 'unless-stopped' });
      expect({ name, health: healthcheck?.test !== undefined }).toEqual({ name, health: true });
    }
  });

  it('scales the API behind the bundled proxy: no fixed name or host port on the API, the proxy sees every replica', () => {
    const api = service('api');
    expect(api.container_name).toBeUndefined();
    expect(api.ports).toBeUndefined();
    expect(String(api.deploy?.replicas)).toMatch(/^\$\{API_REPLICAS:-[2-9]\}$/);
    const proxy = service('proxy');
    expect(proxy.image).toMatch(/^caddy:/);
    expect(proxy.depends_on?.api?.condition).toBe('service_healthy');
    const mount = proxy.volumes?.find((volume) => volume.endsWith(':/etc/caddy/Caddyfile:ro'));
    const caddyfile = path.join(ROOT, (mount ?? '').split(':')[0] ?? '');
    expect(existsSync(caddyfile)).toBe(true);
    expect(readFileSync(caddyfile, 'utf8')).toMatch(/dynamic a \{\s*name api\s*port 4000/);
  });

  it('passes every setting of the configuration table through to the API', () => {
    // The managed local Neo4j's settings do not apply (NEO4J_URI is set); the image sets HOST and PORT.
    const applicable = CONFIG_VARIABLES.filter(
      (name) => !name.startsWith('NEO4J_LOCAL_') && !['HOST', 'PORT'].includes(name),
    );
    const passed = Object.keys(service('api').environment ?? {});
    expect(applicable.filter((name) => !passed.includes(name))).toEqual([]);
    expect(passed.filter((name) => !CONFIG_VARIABLES.includes(name) && !name.startsWith('OTEL_'))).toEqual([]);
  });
});
