/**
 * Server and connection errors in human words.
 * @module
 */
import { isChatClientError } from "@chat/client";

const quoted = (value: unknown): string => `“${String(value)}”`;

const sentences: Record<string, (args: readonly unknown[]) => string> = {
  notAllowed: () => "You are not allowed to do that.",
  noRoom: ([room]) => `There is no room ${quoted(room)} (any more).`,
  roomExists: ([room]) => `A room named ${quoted(room)} already exists.`,
  notJoined: ([room]) => `Join room ${quoted(room)} first.`,
  invalidName: ([name]) => `${quoted(name)} is not a valid name: use letters, digits and punctuation other than : and spaces.`,
  noUserOnline: ([user]) => `${String(user)} is not online right now.`,
  noUser: ([user]) => `Nobody called ${quoted(user)} has signed in yet.`,
  noList: ([list]) => `There is no list ${quoted(list)}.`,
  listLimitExceeded: ([list]) => `The ${String(list)} is full.`,
  userExists: ([user]) => `The user ${quoted(user)} already exists.`,
  userOnline: ([user]) => `${String(user)} is online.`,
  noLogin: () => "Please sign in with a name.",
  timeout: () => "The server took too long. Please try again.",
  badArgument: () => "The server did not accept that input.",
  wrongArgumentsCount: () => "The server did not accept that request.",
  notConnected: () => "You are offline. Try again once the connection is back.",
  connectionLost: () => "The connection dropped before the server answered: it may or may not have happened.",
  requestTimeout: () => "The server did not answer in time: it may or may not have happened.",
};

/** One sentence for any error a command or the login can fail with. */
export function friendlyError(error: unknown): string {
  if (isChatClientError(error)) {
    const sentence = sentences[error.code];
    return sentence ? sentence(error.args as readonly unknown[]) : `Something went wrong on the server (${error.code}).`;
  }
  return "Something went wrong. Please try again.";
}
