// @ts-check
/**
 * Creates a room unless it exists. With Redis the room may exist already: created by an earlier run, or by another
 * instance at this very moment, which makes our `addRoom` fail with `roomExists` — the outcome we wanted.
 * @param {import("@chat/core").ChatService} chat
 * @param {string} roomName
 * @param {string} owner
 */
export async function ensureRoom(chat, roomName, owner) {
  if (await chat.hasRoom(roomName)) return;
  await chat.addRoom(roomName, { owner }).catch(async (error) => {
    if (!(await chat.hasRoom(roomName))) throw error;
  });
}
