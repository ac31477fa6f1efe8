// socket.io-client 2 ships no types; this declares the part the tests use.
declare module "socket.io-client-v2" {
  interface V2Socket {
    readonly id: string;
    readonly connected: boolean;
    emit(event: string, ...args: unknown[]): V2Socket;
    on(event: string, listener: (...args: never[]) => void): V2Socket;
    once(event: string, listener: (...args: never[]) => void): V2Socket;
    close(): V2Socket;
  }
  interface V2Manager {
    socket(namespace: string, options?: Record<string, unknown>): V2Socket;
    close(): void;
  }
  interface V2Lookup {
    (url: string, options?: Record<string, unknown>): V2Socket;
    Manager: new (url: string, options?: Record<string, unknown>) => V2Manager;
  }
  const io: V2Lookup;
  export default io;
}
