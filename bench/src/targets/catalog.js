// @ts-check
/**
 * The servers the bench measures. Every @chat target names the bare server of its transport: its figures are
 * reported as ratios of that one's, measured in the same run.
 */

/**
 * @typedef {object} TargetSpec
 * @property {string} name
 * @property {"bare-socketio" | "bare-ws" | "chat"} kind
 * @property {"socket.io" | "ws"} protocol
 * @property {"memory" | "redis"} [store]
 * @property {string} [baseline] the bare target this one is compared with
 */

/** @type {TargetSpec[]} */
export const targets = [
  { name: "bare socket.io", kind: "bare-socketio", protocol: "socket.io" },
  { name: "@chat socket.io + memory", kind: "chat", protocol: "socket.io", store: "memory", baseline: "bare socket.io" },
  { name: "@chat socket.io + redis", kind: "chat", protocol: "socket.io", store: "redis", baseline: "bare socket.io" },
  { name: "bare ws", kind: "bare-ws", protocol: "ws" },
  { name: "@chat ws + memory", kind: "chat", protocol: "ws", store: "memory", baseline: "bare ws" },
  { name: "@chat ws + redis", kind: "chat", protocol: "ws", store: "redis", baseline: "bare ws" },
];
