// @ts-check
/**
 * The list of rooms. chat-service has no command that lists rooms, so the example keeps the names itself:
 * `roomCreateAfter` / `roomDeleteAfter` hooks keep a set up to date, every socket gets a `listRooms` request
 * handler and joins one lobby channel, and after a change a custom `roomListChanged` notification goes to that
 * channel — one broadcast, which reaches pages on every instance — so pages re-fetch the list. Pages also
 * re-fetch after every (re)connect.
 *
 * The set lives in this process. With several instances on Redis it would have to live in Redis too (a set next
 * to the service's keys).
 */

/** @typedef {import("@chat/core").ChatService} ChatService */
/** @typedef {import("@chat/core").Hooks} Hooks */

/** The custom request a page sends to read the list. */
export const listRoomsRequest = "listRooms";
/** The custom notification that tells pages to read the list again. */
export const roomListChangedEvent = "roomListChanged";
/** The channel every page joins. A `:` keeps it apart from rooms (names cannot hold one) and `echo:` channels. */
const lobbyChannel = "web-chat:lobby";

/** @param {readonly import("@chat/core").Transport[]} transports the service's, to join sockets to the lobby */
export function createRoomRegistry(transports) {
  /** @type {Set<string>} */
  const rooms = new Set();
  /** @type {ChatService | undefined} */
  let service;

  function names() {
    return [...rooms].sort((a, b) => a.localeCompare(b));
  }

  function notifyAll() {
    service?.transport.emitToChannel(lobbyChannel, roomListChangedEvent);
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
     * Call from `onConnect` once the user is known: binds `listRooms` on the socket and joins it to the lobby
     * (the transport leaves its channels when it disconnects).
     * @param {ChatService} chat
     * @param {string} id
     */
    connected(chat, id) {
      service = chat;
      chat.transport.bindHandler(id, listRoomsRequest, async () => [names()]);
      transports.some((transport) => transport.joinChannel(id, lobbyChannel));
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
    },
  };
}
