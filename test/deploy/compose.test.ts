// compose.yaml as documented: two bot replicas behind one published port, PostgreSQL 16 with a
// volume, a healthcheck on every service (the bot's on /readyz), METRICS_PORT on each replica.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

const root = path.join(__dirname, '..', '..');
type Service = {
  image?: string;
  build?: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
};
const compose = yaml.load(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const { bot, postgres, proxy } = compose.services as Record<'bot' | 'postgres' | 'proxy', Service>;

describe('compose.yaml', () => {
  it('runs two bot replicas from this repository on PostgreSQL, each with a metrics port', () => {
    expect(bot.build).toBe('.');
    expect(bot.deploy?.replicas).toBe(2);
    expect(bot.environment?.DATABASE_URL).toMatch(
      /^postgres:\/\/support_router:.*@postgres:5432\/support_router$/,
    );
    expect(bot.environment?.METRICS_PORT).toBe('9464');
    expect(bot.environment?.METRICS_PORT).not.toBe(bot.environment?.PORT);
    expect(bot.ports).toBeUndefined(); // only the proxy publishes a port
    expect(bot.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('keeps PostgreSQL 16 data in a named volume', () => {
    expect(postgres.image).toBe('postgres:16');
    expect(postgres.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
    expect(compose.volumes).toHaveProperty('pgdata');
  });

  it('has a healthcheck on every service; the bot is healthy when /readyz says so', () => {
    for (const service of Object.values(compose.services))
      expect(service.healthcheck?.test.length).toBeGreaterThan(0);
    expect(bot.healthcheck?.test.join(' ')).toContain('/readyz');
  });

  it('publishes one port, proxied round-robin to the replicas, with no /metrics through it', () => {
    expect(proxy.ports).toEqual(['3000:80']);
    const nginx = fs.readFileSync(path.join(root, 'deploy', 'nginx.conf'), 'utf8');
    expect(nginx).toContain('server bot:3000');
    expect(nginx).toMatch(/location = \/metrics \{\s+return 404;/);
    expect(proxy.volumes).toEqual(['./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro']);
  });
});
