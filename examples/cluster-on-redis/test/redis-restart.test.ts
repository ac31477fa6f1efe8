/**
 * Three instances on one Redis with persistence (AOF, fsync on every write), under steady traffic; Redis crashes
 * (SIGKILL), stays away for a while, and comes back on the same port. The instances are not restarted.
 *
 * - During the outage every request gets an error reply within the store's command timeout, never silence.
 * - After the restart the instances reconnect and resubscribe by themselves: messages cross instances again, and
 *   no instance takes another for dead although none could beat during the outage.
 * - Every message that was acknowledged, before or after the outage, is in the history with its text.
 */
import { setTimeout as delay } from "node:timers/promises";
import { startRedis, type RedisServer } from "@chat/redis-testing";
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { ask, joinLobby, lobbyHistory, request, startInstance, stopAll, type ChatMessage } from "./cluster.js";

/** `@chat/store-redis` gives the connections it opens `commandTimeout: 5000`. */
const commandTimeout = 5000;
/**
 * A request whose store command was sent just before Redis went away fails `commandTimeout` ms later; the slack
 * (1500 ms) covers the rest of the request (a second store command is never sent after a failed one) and the
 * reply's way back through socket.io, on a busy 2-core machine.
 */
const replyBound = commandTimeout + 1500;
/** Longer than `commandTimeout`, so that requests queued at the start of the outage fail while Redis is away. */
const outageMs = 7000;
/**
 * Instances beat every 500 ms and are dead after 6 s of silence: shorter than the outage, during which nobody can
 * beat, so the test also checks that no live instance is taken for dead once Redis is back; longer than the time a
 * live one needs to prove itself alive then (its store connection's reconnection backoff, see below, and a beat).
 */
const heartbeat = { HEARTBEAT_RATE: "500", HEARTBEAT_TIMEOUT: "6000" };
/**
 * From Redis answering again to every client hearing the others' new messages: the store's connection retries at
 * most 5.2 s apart (ioredis 6's default backoff: doubling up to 5 s, plus up to 200 ms of jitter), the bus's at
 * most 1 s apart, and an instance holds a room message at most 1 s for a lost one before it (core's room-message
 * order); 1 s of slack on top.
 */
const recoveryBound = 5200 + 1000 + 1000;
/** Pause between one ack and a client's next message: steady traffic whose history stays small enough to read. */
const paceMs = 20;

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis({ persistence: true });
});
afterEach(stopAll);
afterAll(() => redis.stop());

/** One `roomMessage` request and its outcome, times from `performance.now()`. */
interface Sent {
  author: string;
  textMessage: string;
  sentAt: number;
  repliedAt: number;
  error: unknown;
  id?: number;
}

/** A client that posts in "lobby" until told to stop, awaiting each ack, and records what it hears. */
class Talker {
  readonly sent: Sent[] = [];
  readonly heard: (ChatMessage & { heardAt: number })[] = [];
  /** When each text was sent, recorded before the request goes out: others may hear it before the ack comes. */
  readonly sentAt = new Map<string, number>();
  private stopped = false;
  private loop?: Promise<void>;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly socket: Socket,
  ) {
    socket.on("roomMessage", (room: string, message: ChatMessage) => {
      if (room === "lobby") this.record(() => this.heard.push({ ...message, heardAt: performance.now() }));
    });
  }

  start(): void {
    this.loop = (async () => {
      for (let n = 1; !this.stopped; n++) {
        const textMessage = `${this.name} #${n}`;
        const sentAt = performance.now();
        this.sentAt.set(textMessage, sentAt);
        // The 20 s limit only keeps a silent request from hanging the test; the bound is asserted at the end.
        const [error, id] = await request(this.socket, "roomMessage", ["lobby", { textMessage }], 20_000);
        const repliedAt = performance.now();
        this.record(() => this.sent.push({ author: this.name, textMessage, sentAt, repliedAt, error, ...(error === null && { id: id as number }) }));
        await delay(paceMs);
      }
    })();
  }

  /** Stops posting; resolves once the last request was answered. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** Resolves once `condition` holds; checked again at every message sent or heard. */
  until(condition: () => boolean): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!condition()) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  /** When this client first heard a message of `speaker` sent at `since` or later, if it did. */
  firstHeardFrom(speaker: Talker, since: number): number | undefined {
    return this.heard.find((message) => message.author === speaker.name && speaker.sentAt.get(message.textMessage)! >= since)?.heardAt;
  }

  acked(since = 0): Sent[] {
    return this.sent.filter((entry) => entry.error === null && entry.sentAt >= since);
  }

  private record(change: () => void): void {
    change();
    for (const check of [...this.waiters]) check();
  }
}

it("instances ride out a Redis crash: error replies during the outage, no acked message lost, bus back after restart", async () => {
  const env = { REDIS_URL: redis.url, ...heartbeat };
  const instances = await Promise.all([startInstance(env), startInstance(env), startInstance(env)]);
  const talkers = await Promise.all(
    ["alice", "bob", "carol"].map(async (name, k) => new Talker(name, await joinLobby(instances[k]!.port, name))),
  );
  const others = (talker: Talker) => talkers.filter((other) => other !== talker);
  /** `talker` heard a message of every other talker (each on another instance) sent at `since` or later. */
  const hearsEveryone = (talker: Talker, since: number) => others(talker).every((other) => talker.firstHeardFrom(other, since) !== undefined);

  for (const talker of talkers) talker.start();
  await Promise.all(talkers.map((talker) => talker.until(() => talker.acked().length >= 5 && hearsEveryone(talker, 0))));

  const killing = performance.now();
  await redis.kill();
  const killed = performance.now();
  await delay(outageMs); // traffic goes on against a Redis that is gone
  const restarting = performance.now();
  await redis.restart();
  const restarted = performance.now();

  // Back without restarting any instance: store commands succeed and the bus carries messages between instances.
  // The deadline only ends the wait of a failing run early enough to report which clients stayed deaf.
  const back = Promise.all(talkers.map((talker) => talker.until(() => talker.acked(restarted).length >= 5 && hearsEveryone(talker, restarted))));
  await Promise.race([back, delay(3 * recoveryBound)]);
  await Promise.all(talkers.map((talker) => talker.stop()));
  const heardAfterRestart = Object.fromEntries(
    talkers.flatMap((listener) =>
      others(listener).map((speaker) => {
        const at = listener.firstHeardFrom(speaker, restarted);
        return [`${listener.name} hears ${speaker.name}`, at === undefined ? Number.POSITIVE_INFINITY : Math.round(at - restarted)];
      }),
    ),
  );

  const sent = talkers.flatMap((talker) => talker.sent);
  // Sent once Redis was gone and answered before it came back: these could only fail.
  const outage = sent.filter((entry) => entry.sentAt >= killed && entry.repliedAt <= restarting);
  const longest = Math.max(...sent.map((entry) => entry.repliedAt - entry.sentAt));
  const longestInOutage = Math.max(...outage.map((entry) => entry.repliedAt - entry.sentAt));
  const errorsAfterRestart = new Set(sent.filter((entry) => entry.error !== null && entry.sentAt >= restarted).map((entry) => String(entry.error)));
  const firstAckAfterRestart = Math.min(...sent.filter((entry) => entry.error === null && entry.sentAt >= restarted).map((entry) => entry.repliedAt));
  console.log(
    `${sent.length} requests, ${outage.length} during the outage; longest reply ${Math.round(longest)} ms ` +
      `(during the outage ${Math.round(longestInOutage)} ms); kill took ${Math.round(killed - killing)} ms, restart ` +
      `${Math.round(restarted - restarting)} ms; after the restart: first ack at ${Math.round(firstAckAfterRestart - restarted)} ms, ` +
      `new messages heard across instances at (ms) ${JSON.stringify(heardAfterRestart, (_key, value) => (value === Number.POSITIVE_INFINITY ? "never" : value))}` +
      (errorsAfterRestart.size > 0 ? `; errors after the restart: ${[...errorsAfterRestart].join(", ")}` : ""),
  );

  // Each client kept sending through the outage and got error replies while Redis was away (a request in flight
  // at the kill included), and every request sent while Redis was away failed.
  const failedInOutage = (talker: Talker) =>
    talker.sent.filter((entry) => entry.error !== null && entry.repliedAt >= killed && entry.repliedAt <= restarting);
  for (const talker of talkers) expect(failedInOutage(talker), talker.name).not.toEqual([]);
  for (const entry of outage) expect(entry.error).toBe("ChatServiceError: Internal server error");
  // No request, whenever it was sent, waited longer than the bound for its reply.
  expect(longest).toBeLessThanOrEqual(replyBound);
  // Every client hears the others' new messages, through the bus, soon after Redis is back.
  for (const [pair, at] of Object.entries(heardAfterRestart)) expect(at, pair).toBeLessThanOrEqual(recoveryBound);

  // Nobody was cleaned up as dead: everyone is still in the room.
  expect(instances.flatMap((instance) => instance.output.filter((line) => line.startsWith("cleaned up")))).toEqual([]);
  expect([...((await ask(talkers[0]!.socket, "roomGetAccessList", "lobby", "userlist")) as string[])].sort()).toEqual(["alice", "bob", "carol"]);

  // Every acknowledged message is in the history, under its id, with its text and author.
  const history = new Map((await lobbyHistory(talkers[0]!.socket)).map((message) => [message.id, message]));
  const acked = talkers.flatMap((talker) => talker.acked());
  expect(new Set(acked.map((entry) => entry.id)).size).toBe(acked.length);
  const missing = acked.filter((entry) => {
    const stored = history.get(entry.id!);
    return stored?.textMessage !== entry.textMessage || stored.author !== entry.author;
  });
  expect(missing).toEqual([]);
});
