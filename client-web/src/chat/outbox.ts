import { hubErrorOf } from "../connection/hubErrors";
import { newUuid } from "../util/uuid";
import type { Conversation, PendingMessage } from "./conversation";

/** Sends one pending message and records the server's answer in its conversation. */
export type Deliver = (conversation: Conversation, message: PendingMessage) => Promise<void>;

/**
 * Sends a conversation's messages one at a time, in the order they were typed. A message whose send
 * fails because the connection is down stays pending and goes out again after the reconnect with the
 * same clientMessageId, so the server stores it once. A message the server refuses is marked failed.
 */
export class Outbox {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly isConnected: () => boolean,
    private readonly deliver: Deliver,
    private readonly changed: (conversation: Conversation) => void,
  ) {}

  enqueue(conversation: Conversation, text: string): PendingMessage {
    const message: PendingMessage = { clientMessageId: newUuid(), text, createdAt: Date.now(), status: "pending" };
    conversation.pending.push(message);
    this.changed(conversation);
    void this.pump(conversation);
    return message;
  }

  /** Puts a failed message back in line. */
  retry(conversation: Conversation, clientMessageId: string): void {
    const message = conversation.pending.find((p) => p.clientMessageId === clientMessageId);
    if (!message) return;
    message.status = "pending";
    delete message.error;
    this.changed(conversation);
    void this.pump(conversation);
  }

  discard(conversation: Conversation, clientMessageId: string): void {
    if (conversation.confirm(clientMessageId)) this.changed(conversation);
  }

  /**
   * Sends whatever is pending; a no-op while disconnected. While a conversation is already being sent,
   * returns that run (which picks up messages added meanwhile) instead of starting a second one.
   */
  pump(conversation: Conversation): Promise<void> {
    const running = this.running.get(conversation.key);
    if (running) return running;
    const run = this.sendAll(conversation).finally(() => this.running.delete(conversation.key));
    this.running.set(conversation.key, run);
    return run;
  }

  private async sendAll(conversation: Conversation): Promise<void> {
    while (this.isConnected()) {
      const next = conversation.pending.find((p) => p.status === "pending");
      if (!next) return;
      if (!(await this.sendOne(conversation, next))) return;
    }
  }

  /** False when the connection failed under the send: stop and wait for the reconnect. */
  private async sendOne(conversation: Conversation, message: PendingMessage): Promise<boolean> {
    try {
      await this.deliver(conversation, message);
      conversation.confirm(message.clientMessageId);
    } catch (error) {
      const refusal = hubErrorOf(error);
      if (refusal === undefined) return false;
      message.status = "failed";
      message.error = refusal;
    }
    this.changed(conversation);
    return true;
  }
}
