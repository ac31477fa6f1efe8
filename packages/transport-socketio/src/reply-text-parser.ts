/**
 * A socket.io parser that writes a reply's JSON text as it is, when the core already has it (`resultsJson`: a
 * store's page of history), instead of encoding the results again. Encoding a 100-message page was 40% of the
 * server's CPU per `roomHistoryGet`, and socket.io-parser's binary scan of it another 5%.
 *
 * It is socket.io-parser's own parser otherwise, so the wire is unchanged for every client: the packet it writes
 * is byte for byte what the default encoder makes of the same results.
 * @module
 */
import { Decoder, Encoder, PacketType, protocol, type Packet } from "socket.io-parser";

/** An ack's arguments, `[null, ...results]`, as their JSON text. Only {@link ReplyTextEncoder} can send one. */
export class EncodedAckArguments {
  constructor(readonly json: string) {}
}

/** socket.io-parser's encoder, which also sends {@link EncodedAckArguments}. */
export class ReplyTextEncoder extends Encoder {
  override encode(packet: Packet): unknown[] {
    const data: unknown = packet.data;
    if (packet.type === PacketType.ACK && Array.isArray(data) && data.length === 1 && data[0] instanceof EncodedAckArguments) {
      // Without data, the default encoder writes just the packet's head: type, namespace and ack id.
      const [head] = super.encode({ type: packet.type, nsp: packet.nsp, id: packet.id }) as [string];
      return [head + data[0].json];
    }
    return super.encode(packet);
  }
}

/** A parser as socket.io's `parser` server option takes it. */
export interface SocketIoParser {
  /** The socket.io protocol revision it speaks. */
  readonly protocol: number;
  /** Encodes outgoing packets; socket.io makes one per server. */
  readonly Encoder: typeof Encoder;
  /** Decodes incoming packets; socket.io makes one per connection. */
  readonly Decoder: typeof Decoder;
}

/**
 * The parser to give socket.io (`new Server(http, { parser: replyTextParser })`). The transport uses it on every
 * server it creates; on a caller's own `io` server it sends replies the ordinary way unless that server uses it.
 */
export const replyTextParser: SocketIoParser = { protocol, Encoder: ReplyTextEncoder, Decoder };
