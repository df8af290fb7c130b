import 'reflect-metadata';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientKafka, EventPattern, MessagePattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { logLevel } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { KafkaBroker } from '../src';
import { unique, waitFor } from './support/wait';

const EVENT_TOPIC = 'nest.shipment-scanned.v1';
const REQUEST_TOPIC = 'nest.quote.v1';
const received: { awb: string; station: string }[] = [];

@Controller()
class TestHandlers {
  @EventPattern(EVENT_TOPIC)
  onScanned(@Payload() data: { awb: string; station: string }): void {
    received.push(data);
  }

  @MessagePattern(REQUEST_TOPIC)
  quote(@Payload() data: { kg: number; ratePerKg: number }): { total: number } {
    return { total: data.kg * data.ratePerKg };
  }
}

@Module({ controllers: [TestHandlers] })
class TestModule {}

describe('NestJS Kafka transport against the broker', () => {
  let broker: KafkaBroker;
  let app: INestMicroservice;
  let client: ClientKafka;

  beforeAll(async () => {
    broker = await KafkaBroker.start({ port: 0, inMemory: true, initialRebalanceDelayMs: 0, log: () => undefined });
    const kafkaClient = { clientId: unique('nest-server'), brokers: [broker.bootstrap], logLevel: logLevel.NOTHING };
    app = await NestFactory.createMicroservice<MicroserviceOptions>(TestModule, {
      transport: Transport.KAFKA,
      options: {
        client: kafkaClient,
        consumer: { groupId: unique('nest-handlers'), heartbeatInterval: 200, maxWaitTimeInMs: 200 },
        subscribe: { fromBeginning: true },
      },
      logger: false,
    });
    await app.listen();
    client = new ClientKafka({
      client: { clientId: unique('nest-client'), brokers: [broker.bootstrap], logLevel: logLevel.NOTHING },
      consumer: { groupId: unique('nest-caller'), heartbeatInterval: 200, maxWaitTimeInMs: 200 },
      subscribe: { fromBeginning: true },
    });
    client.subscribeToResponseOf(REQUEST_TOPIC);
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await app?.close();
    await broker?.stop();
  });

  it('an @EventPattern handler receives what ClientKafka.emit sends', async () => {
    const events = Array.from({ length: 5 }, (_, i) => ({ awb: `784-1234567${i}`, station: i % 2 ? 'WUH' : 'EHU' }));
    for (const e of events) await lastValueFrom(client.emit(EVENT_TOPIC, { key: e.awb, value: e }));
    await waitFor(() => received.length >= events.length, 'the event handler to receive 5 events');
    expect(received).toEqual(events);
  });

  it('a @MessagePattern request/response round trip works', async () => {
    const res = await lastValueFrom(client.send<{ total: number }>(REQUEST_TOPIC, { kg: 12, ratePerKg: 3.5 }));
    expect(res).toEqual({ total: 42 });
    const many = await Promise.all(
      [1, 2, 3].map((kg) => lastValueFrom(client.send<{ total: number }>(REQUEST_TOPIC, { kg, ratePerKg: 10 }))),
    );
    expect(many).toEqual([{ total: 10 }, { total: 20 }, { total: 30 }]);
  });
});
