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
 * @property {number} [instances] server processes sharing the store (Redis); clients are spread over them
 * @property {boolean} [history] whether the history scenario applies (it measures @chat only)
 */

/** @type {TargetSpec[]} */
export const targets = [
  { name: "bare socket.io", kind: "bare-socketio", protocol: "socket.io" },
  { name: "@chat socket.io + memory", kind: "chat", protocol: "socket.io", store: "memory", baseline: "bare socket.io", history: true },
  { name: "@chat socket.io + redis", kind: "chat", protocol: "socket.io", store: "redis", baseline: "bare socket.io", history: true },
  { name: "bare ws", kind: "bare-ws", protocol: "ws" },
  { name: "@chat ws + memory", kind: "chat", protocol: "ws", store: "memory", baseline: "bare ws", history: true },
  { name: "@chat ws + redis", kind: "chat", protocol: "ws", store: "redis", baseline: "bare ws", history: true },
  { name: "@chat socket.io × 2 instances + redis", kind: "chat", protocol: "socket.io", store: "redis", baseline: "bare socket.io", instances: 2 },
];
