import { Client } from 'pg';

/**
 * LISTENs for commit notifications so followers wake at once instead of polling. A follower
 * still re-reads on its timeout: a notification lost with a dropped connection delays, never loses.
 */
export class PostgresNotifications {
  private latest = 0;
  private waiters = new Set<() => void>();

  private constructor(
    private readonly client: Client,
    readonly channel: string,
  ) {}

  static async listen(connectionString: string, channel: string): Promise<PostgresNotifications> {
    const client = new Client({ connectionString });
    client.on('error', () => undefined);
    await client.connect();
    const notifications = new PostgresNotifications(client, channel);
    client.on('notification', (message) => notifications.notified(Number(message.payload ?? 0)));
    await client.query(`LISTEN ${channel}`);
    return notifications;
  }

  private notified(position: number): void {
    this.latest = Math.max(this.latest, position);
    for (const wake of [...this.waiters]) wake();
  }

  waitBeyond(position: number, timeoutMs: number): Promise<void> {
    if (this.latest > position) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }

  async close(): Promise<void> {
    for (const wake of [...this.waiters]) wake();
    await this.client.end().catch(() => undefined);
  }
}
