// The transport baseline of `npm run bench:http`: a bare Fastify route that parses the same JSON
// command body and answers, in its own process as the engine is. The engine's command figure over
// this one is how much of its transport the engine reaches (`http.share_of_transport`).
import Fastify from 'fastify';

async function main() {
  const app = Fastify({ logger: false, bodyLimit: 262_144 });
  app.post('/v1/commands', async (request) => {
    const body = request.body as { commandId?: string };
    return { commandId: body.commandId, status: 'accepted' };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`listening on ${url}`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
