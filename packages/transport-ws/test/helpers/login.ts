import { WsPeer } from "./ws-peer.js";

/** A ws client logged in to a service whose `onConnect` reads the query's `userName`. */
export interface LoggedInPeer {
  peer: WsPeer;
  /** The socket id of `loginConfirmed`. */
  id: string;
}

/** Connects to `url` as `userName` and waits for `loginConfirmed`. */
export async function logInPeer(url: string, userName: string): Promise<LoggedInPeer> {
  const peer = await WsPeer.connect(url, { query: { userName } });
  const [confirmed, authData] = (await peer.next("loginConfirmed")) as [string, { id: string }];
  if (confirmed !== userName) throw new Error(`logged in as ${confirmed}, not ${userName}`);
  return { peer, id: authData.id };
}
