/** The services suites may need; the global setup probes each once per run. */
export type Service = 'postgres' | 'containers' | 'kafka' | 'chromium';

const HOW_TO_GET: Record<Service, string> = {
  postgres: 'start PostgreSQL on 127.0.0.1:5432 (or set SCE_TEST_PG_URL)',
  kafka: "apt-get install librdkafka-dev pkg-config gcc (the test broker is librdkafka's mock cluster)",
  chromium: 'apt-get install chromium (or set SCE_CHROMIUM_PATH to a Chromium or Chrome binary)',
  containers: 'run a Docker-compatible container runtime (TESTCONTAINERS_RUNTIME=require makes its absence fail)',
};

/** The browser the console suites drive with playwright-core (Debian's package by default). */
export const chromiumPath = (): string => process.env.SCE_CHROMIUM_PATH ?? '/usr/bin/chromium';

export function unavailable(service: Service): string | undefined {
  return process.env[`SCE_${service.toUpperCase()}_UNAVAILABLE`];
}

/** In CI a missing service is a failure; containers only when TESTCONTAINERS_RUNTIME=require. */
function mustHave(service: Service): boolean {
  if (service === 'containers') return process.env.TESTCONTAINERS_RUNTIME === 'require';
  return process.env.CI === 'true';
}

/**
 * `describe` for a suite that needs `service` (or several). Where one is missing, the suite is
 * skipped with the reason in its title (which the CI summary prints), or, where it must be there, fails.
 */
export function describeWith(needs: Service | Service[], title: string, suite: () => void): void {
  const service = [needs].flat().find((s) => unavailable(s));
  if (!service) return describe(title, suite);
  const reason = unavailable(service)!;
  if (mustHave(service)) {
    return describe(title, () => {
      it(`needs ${service}`, () => {
        throw new Error(`${reason}. This run requires it: ${HOW_TO_GET[service]}.`);
      });
    });
  }
  console.warn(`SKIPPED ${title}: ${reason}. To run it: ${HOW_TO_GET[service]}.`);
  describe.skip(`${title} [skipped: ${reason}]`, suite);
}
