/**
 * The name rule (chat-service 1.0 §4.3): a non-empty string with no C0 control character, DEL, `:`, `{` or `}`.
 * `:` keeps room names apart from `echo:<user>` channels; braces are Redis Cluster hash-tag delimiters.
 * @module
 */

// eslint-disable-next-line no-control-regex
const validName = /^[^\u0000-\u001F:{}\u007F]+$/;

/** Whether `name` may be used as a user or room name. */
export function isValidName(name: unknown): name is string {
  return typeof name === "string" && validName.test(name);
}
