import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import type { ChatMessage, Notification } from "../src/api/contracts";
import { ChatConnection, type ChatEvents } from "../src/connection/chatConnection";
import type { HubProtocolName } from "../src/connection/hubProtocol";
import { HubNode } from "./hubNode";

/** Events one ChatConnection raised, for waiting on. */
class Recorded implements ChatEvents {
  readonly messages: ChatMessage[] = [];
  readonly notifications: Notification[] = [];
  private readonly waiting: (() => void)[] = [];

  messageReceived(message: ChatMessage): void {
    this.push(this.messages, message);
  }
  notificationReceived(notification: Notification): void {
    this.push(this.notifications, notification);
  }
  privateMessageReceived(): void {}
  userJoined(): void {}
  userLeft(): void {}
  userTyping(): void {}
  removedFromRoom(): void {}
  statusChanged(): void {}
  reconnected(): void {}

  /** Resolves once `list` holds an item; fails after 10 s. */
  async first<T>(list: T[], what: string): Promise<T> {
    const deadline = Date.now() + 10_000;
    while (list.length === 0) {
      if (Date.now() > deadline) throw new Error(`no ${what} within 10 s`);
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        setTimeout(resolve, 250);
      });
    }
    return list[0]!;
  }

  private push<T>(list: T[], item: T): void {
    list.push(item);
    this.waiting.splice(0).forEach((wake) => wake());
  }
}

let node: HubNode;
before(async () => {
  node = await HubNode.start();
});
after(() => node.stop());

async function open(token: string, protocol: HubProtocolName): Promise<{ connection: ChatConnection; events: Recorded }> {
  const events = new Recorded();
  const connection = new ChatConnection(
    { accessTokenFactory: async () => token, transport: "websockets", protocol, backoff: { maxAttempts: 0 }, hubUrl: `${node.url}/hubs/chat` },
    events,
  );
  await connection.start(false);
  return { connection, events };
}

test("against a real node the page's connection reads MessagePack exactly as it reads JSON", { timeout: 60_000 }, async () => {
  const user = `web-${randomUUID().slice(0, 8)}`;
  const room = `wire-${randomUUID().slice(0, 8)}`;
  const token = await node.token(user);
  const json = await open(token, "json");
  const pack = await open(token, "messagepack");
  try {
    const snapshots = [await json.connection.joinRoom(room), await pack.connection.joinRoom(room)];
    const sent = await pack.connection.sendMessage(room, "hello <b>both</b>", "c-1");
    await node.notify(user, "invoice.ready", { Invoice: 42, lines: [{ Amount: 1, unitPrice: 2.5 }] });
    const received = [await json.events.first(json.events.messages, "message"), await pack.events.first(pack.events.messages, "message")];
    const notified = [
      await json.events.first(json.events.notifications, "notification"),
      await pack.events.first(pack.events.notifications, "notification"),
    ];

    assert.deepEqual(snapshots[1], snapshots[0]);
    assert.deepEqual(snapshots[1]!.members, [{ userId: user, name: user }]);
    assert.deepEqual(received[1], received[0]);
    assert.deepEqual(sent, received[0]);
    assert.equal(sent.senderId, user);
    assert.equal(typeof sent.sentAt, "string");
    assert.deepEqual(notified[1], notified[0]);
    assert.deepEqual(notified[1]!.data, { Invoice: 42, lines: [{ Amount: 1, unitPrice: 2.5 }] });
  } finally {
    await Promise.all([json.connection.stop(), pack.connection.stop()]);
  }
});
