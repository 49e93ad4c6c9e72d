import { envelopeName, sharedSchemas } from '@sce/contracts';
import { COMMAND_TYPES } from '@sce/domain';
import type { KafkaTopics } from './topics';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = 'application/schema+json;version=draft-07';
const header = (description: string) => ({ type: 'string', description });
const key = (description: string) => ({ kafka: { key: { type: 'string', description }, bindingVersion: '0.5.0' } });

/**
 * The AsyncAPI 3.0 document of the engine's four topics: who sends what, keyed how, with which
 * headers, each message's payload a schema of the wire (the same JSON Schemas as /v1/schemas), and
 * the consumer group the engines share.
 */
export function asyncApiDocument(topics: KafkaTopics, groupId: string, brokers = 'localhost:9092') {
  const { commands, results, deadLetters, events } = topics;
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Seller-center engine: Kafka',
      version: '1',
      description:
        'Commands in, one outcome per command message out, messages that cannot become a command as dead letters, ' +
        'and the event log. At least once both ways; a redelivered command gets its first outcome and writes nothing.',
    },
    defaultContentType: 'application/json',
    servers: { kafka: { host: brokers, protocol: 'kafka', description: 'SCE_KAFKA_BROKERS' } },
    channels: {
      commands: {
        address: commands,
        description: 'command envelopes, keyed by shop so that a shop keeps its order',
        messages: { command: { $ref: '#/components/messages/command' } },
      },
      results: {
        address: results,
        description: 'one outcome per command message, as HTTP would answer it',
        messages: { result: { $ref: '#/components/messages/result' } },
      },
      deadLetters: {
        address: deadLetters,
        description: 'messages that could not become a command, unchanged, with why',
        messages: { deadLetter: { $ref: '#/components/messages/deadLetter' } },
      },
      events: {
        address: events,
        description: 'every event of the log, keyed by stream (in log order within a stream)',
        messages: { event: { $ref: '#/components/messages/event' } },
      },
    },
    operations: {
      takeCommands: {
        action: 'receive',
        channel: { $ref: '#/channels/commands' },
        summary: 'The engines consume commands as one consumer group',
        bindings: { kafka: { groupId: { type: 'string', enum: [groupId] }, bindingVersion: '0.5.0' } },
      },
      answerCommands: { action: 'send', channel: { $ref: '#/channels/results' } },
      deadLetterMessages: { action: 'send', channel: { $ref: '#/channels/deadLetters' } },
      publishEvents: {
        action: 'send',
        channel: { $ref: '#/channels/events' },
        summary: 'The engine that projects publishes the log; drop repeats by event-id',
      },
    },
    components: {
      schemas: sharedSchemas('#/components/schemas/'),
      messages: {
        command: {
          name: 'command',
          payload: { schemaFormat: json, schema: { oneOf: commandEnvelopes() } },
          headers: {
            type: 'object',
            required: ['authorization'],
            properties: {
              authorization: { type: 'string', pattern: '^Bearer \\S+$', description: 'Bearer <API key>' },
              'correlation-id': header('carried to the result and the events'),
            },
          },
          bindings: key('the shopId'),
        },
        result: {
          name: 'result',
          payload: {
            schemaFormat: json,
            schema: { oneOf: ['Accepted', 'Rejected', 'Invalid', 'Conflict', 'Failed'].map(ref) },
          },
          headers: {
            type: 'object',
            required: ['correlation-id', 'command-id'],
            properties: {
              'correlation-id': header("the command message's, else its topic/partition@offset"),
              'command-id': header('the commandId, or empty'),
            },
          },
          bindings: key("the commandId (the command message's key when there is none)"),
        },
        deadLetter: {
          name: 'deadLetter',
          payload: { schemaFormat: json, schema: { description: 'the command message as it came, unchanged' } },
          headers: {
            type: 'object',
            required: ['sce-error', 'sce-source'],
            properties: {
              'sce-error': header('why it could not become a command'),
              'sce-source': header('topic/partition@offset of the original message'),
            },
          },
          bindings: key("the original message's key"),
        },
        event: {
          name: 'event',
          payload: { schemaFormat: json, schema: ref('StoredEvent') },
          headers: {
            type: 'object',
            required: [
              'event-id',
              'event-type',
              'position',
              'ce_specversion',
              'ce_id',
              'ce_source',
              'ce_type',
              'ce_time',
              'ce_subject',
            ],
            properties: {
              'event-id': header('the event id: drop repeats by it'),
              'event-type': header('the event type'),
              position: header('the position in the global log'),
              ce_specversion: { type: 'string', enum: ['1.0'] },
              ce_id: header('CloudEvents id: the event id'),
              ce_source: header('CloudEvents source'),
              ce_type: header('CloudEvents type: the event type'),
              ce_time: header('CloudEvents time: the business time'),
              ce_subject: header('CloudEvents subject: the stream'),
              'content-type': { type: 'string', enum: ['application/json'] },
            },
          },
          bindings: key('the stream'),
        },
      },
    },
  };
}

const commandEnvelopes = () => COMMAND_TYPES.map((type) => ref(envelopeName(type)));
