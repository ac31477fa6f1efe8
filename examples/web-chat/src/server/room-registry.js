// @ts-check
/**
 * The list of rooms. chat-service has no command that lists rooms, so the example keeps the names itself:
 * `roomCreateAfter` / `roomDeleteAfter` hooks keep a set up to date, every socket gets a `listRooms` request
 * handler, and after a change every user online on this instance is told with a custom `roomListChanged`
 * notification on their `echo:<user>` channel, so pages re-fetch the list. Pages also re-fetch after every
 * (re)connect.
 *
 * The set lives in this process. With several instances on Redis it would have to live in Redis too (a set
 * next to the service's keys) and the notification would have to reach users of every instance.
 */

/** @typedef {import("@chat/core").ChatService} ChatService */
/** @typedef {import("@chat/core").Hooks} Hooks */

/** The custom request a page sends to read the list. */
export const listRoomsRequest = "listRooms";
/** The custom notification that tells pages to read the list again. */
export const roomListChangedEvent = "roomListChanged";

export function createRoomRegistry() {
  /** @type {Set<string>} */
  const rooms = new Set();
  /** socket id → user name, for the sockets of this instance */
  const sockets = new Map();
  /** @type {ChatService | undefined} */
  let service;

  function names() {
    return [...rooms].sort((a, b) => a.localeCompare(b));
  }

  function notifyAll() {
    if (!service) return;
    for (const userName of new Set(sockets.values())) {
      service.transport.emitToChannel(`echo:${userName}`, roomListChangedEvent);
    }
  }

  return {
    /** The room names, sorted. */
    names,
    /**
     * Records a room created from the server side (`addRoom`).
     * @param {string} name
     */
    add(name) {
      rooms.add(name);
      notifyAll();
    },
    /**
     * Call from `onConnect` once the user is known: binds `listRooms` on the socket.
     * @param {ChatService} chat
     * @param {string} id
     * @param {string} userName
     */
    connected(chat, id, userName) {
      service = chat;
      sockets.set(id, userName);
      chat.transport.bindHandler(id, listRoomsRequest, async () => [names()]);
    },
    /** @type {Hooks} */
    hooks: {
      roomCreateAfter: (execInfo) => {
        if (execInfo.error) return;
        rooms.add(execInfo.args[0]);
        notifyAll();
      },
      roomDeleteAfter: (execInfo) => {
        if (execInfo.error) return;
        rooms.delete(execInfo.args[0]);
        notifyAll();
      },
      onDisconnect: (_service, { id }) => {
        sockets.delete(id);
      },
    },
  };
}
