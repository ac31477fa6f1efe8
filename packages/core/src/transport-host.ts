/**
 * The core's side of a transport: logins, requests and disconnects of its sockets.
 * @module
 */
import { executeCommand } from "./pipeline.js";
import { callHook, callHookIgnoringErrors } from "./hooks.js";
import { jsonTextOf } from "./json-text.js";
import { logIn } from "./login.js";
import { cleanUpSocket } from "./procedures/disconnect.js";
import { isCommandName } from "./protocol/index.js";
import type { Runtime } from "./runtime.js";
import type { Respond, Transport, TransportHost } from "./transport.js";

/** Tracks work in progress so that `close()` can wait for it. */
export interface RunningOperations {
  track<T>(operation: Promise<T>): Promise<T>;
}

/** Reply values as socket.io acks carry them: `undefined` becomes `null`. */
function toReplyValues(results: unknown[]): unknown[] {
  return results.length === 0 ? [null] : results.map((value) => (value === undefined ? null : value));
}

/** The JSON text of a command's `[result]` when its store made the result's text (json-text.ts). */
function resultsJsonOf(results: unknown[]): string | undefined {
  if (results.length !== 1) return undefined;
  const text = jsonTextOf(results[0]);
  return text === undefined ? undefined : `[${text}]`;
}

export function createTransportHost(rt: Runtime, transport: Transport, running: RunningOperations): TransportHost {
  /** Runs `work` and answers; `isCommand`: its results come from the pipeline, which vouches for their texts. */
  const answer = async (work: () => Promise<unknown[]>, respond: Respond | undefined, command: string, userName: string, id: string, isCommand: boolean) => {
    try {
      const results = await work();
      respond?.({ error: null, results: toReplyValues(results), resultsJson: isCommand ? resultsJsonOf(results) : undefined });
    } catch (error) {
      const publicError = rt.toPublicError(error, { command, userName, id });
      respond?.({ error: publicError });
    }
  };

  return {
    useRawErrorObjects: rt.options.useRawErrorObjects,

    connected(socketId) {
      const socket = rt.sockets.add(socketId, transport);
      void running.track(logIn(rt, socket));
    },

    request(socketId, event, args, respond) {
      const socket = rt.sockets.get(socketId);
      // Requests before login confirmation are not handled (chat-service 1.0 binds handlers at login).
      if (!socket || socket.state !== "online" || socket.userName === undefined) return;
      const userName = socket.userName;
      if (isCommandName(event)) {
        const context = { userName, id: socketId, bypassPermissions: null, bypassHooks: false, isLocalCall: false };
        void running.track(answer(() => executeCommand(rt, event, args, context), respond, event, userName, socketId, true));
        return;
      }
      const handler = socket.handlers?.get(event);
      if (!handler) return;
      const run = async () => {
        const results = await callHook(handler, ...args);
        return Array.isArray(results) ? results : [results];
      };
      void running.track(answer(run, respond, event, userName, socketId, false));
    },

    disconnected(socketId) {
      const socket = rt.sockets.remove(socketId);
      // A socket still logging in is unregistered by the login itself when it notices the socket closed.
      if (!socket || socket.userName === undefined) return;
      const userName = socket.userName;
      void running.track(
        cleanUpSocket(rt, userName, socketId).then((info) => callHookIgnoringErrors(rt.hooks.onDisconnect, rt.service, info)),
      );
    },
  };
}
