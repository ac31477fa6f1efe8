/**
 * The login sequence (PROTOCOL.md §4.1). A failed login leaves no trace in the state and sends no echo.
 * @module
 */
import { chatError } from "./errors.js";
import { callHook } from "./hooks.js";
import type { LocalSocket } from "./local-sockets.js";
import { isPlainObject, isValidName } from "./protocol/index.js";
import { echoChannel, type Runtime } from "./runtime.js";

/** Normalises what `onConnect` resolved to: a name, `[name]` or `[name, authData]`. */
function readIdentity(outcome: unknown): [userName: unknown, authData: Record<string, unknown>] {
  const [userName, authData] = Array.isArray(outcome) ? outcome : [outcome];
  if (authData === undefined) return [userName, {}];
  if (!isPlainObject(authData)) {
    // A bug in the application's hook, reported to the client in words rather than chat-service 1.0's TypeError.
    throw chatError("internalError", "onConnect authData must be an object");
  }
  return [userName, authData];
}

/** Runs the login of a new local socket; answers it with `loginConfirmed` or `loginRejected`. */
export async function logIn(rt: Runtime, socket: LocalSocket): Promise<void> {
  let registeredAs: string | undefined;
  try {
    const outcome = rt.hooks.onConnect ? await callHook(rt.hooks.onConnect, rt.service, socket.id) : [];
    const [userName, authData] = readIdentity(outcome);
    if (!userName) throw chatError("noLogin");
    if (!isValidName(userName)) throw chatError("invalidName", userName);

    const nconnected = await rt.store.connectSocket(userName, socket.id, rt.instanceUID);
    registeredAs = userName;
    if (socket.state === "closed" || !socket.transport.joinChannel(socket.id, echoChannel(userName))) {
      throw chatError("noSocket", "connection");
    }
    rt.sockets.setOnline(socket, userName);
    // The echo goes to the user's other sockets: with none, there is nobody to tell (and on Redis, no publication).
    if (nconnected > 1) rt.delivery.toChannel(echoChannel(userName), "socketConnectEcho", [socket.id, nconnected], socket.id);
    socket.transport.emitToSocket(socket.id, "loginConfirmed", [userName, { ...authData, id: socket.id }]);
  } catch (error) {
    if (registeredAs !== undefined) await unregister(rt, registeredAs, socket.id);
    if (socket.state === "closed") return;
    const publicError = rt.toPublicError(error, { id: socket.id });
    socket.transport.emitToSocket(socket.id, "loginRejected", [rt.options.useRawErrorObjects ? publicError.object : publicError.text]);
    rt.sockets.remove(socket.id);
    socket.transport.disconnect(socket.id);
  }
}

/** Takes back a registration whose login did not complete; the socket never joined a room, so nobody is told. */
async function unregister(rt: Runtime, userName: string, socketId: string): Promise<void> {
  try {
    await rt.store.removeSocket(userName, socketId);
  } catch (error) {
    rt.emit("storeConsistencyFailure", error, { userName, id: socketId, opType: "userSockets" });
  }
}
