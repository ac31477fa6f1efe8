import type { Connection } from "./connection.js";

/**
 * The local channels: members by channel for `emit`, and each connection's own channel set (kept on the
 * connection) so that a departing socket leaves all of them without a scan of every channel.
 */
export class ChannelRegistry {
  private readonly channels = new Map<string, Set<Connection>>();

  /** Adds a connection to a channel (again is harmless). */
  join(connection: Connection, channel: string): void {
    let members = this.channels.get(channel);
    if (members === undefined) this.channels.set(channel, (members = new Set()));
    members.add(connection);
    connection.channels.add(channel);
  }

  /** Removes a connection from a channel (harmless if it is not a member). */
  leave(connection: Connection, channel: string): void {
    const members = this.channels.get(channel);
    connection.channels.delete(channel);
    if (members === undefined) return;
    members.delete(connection);
    // Room names come and go; an empty channel must not stay behind forever.
    if (members.size === 0) this.channels.delete(channel);
  }

  /** Removes a departing connection from every channel it is in. */
  leaveAll(connection: Connection): void {
    for (const channel of [...connection.channels]) this.leave(connection, channel);
  }

  /** The members of `channel` (a live set: copy it before changing membership while iterating). */
  members(channel: string): ReadonlySet<Connection> | undefined {
    return this.channels.get(channel);
  }
}
