/**
 * How times and names are shown.
 * @module
 */

const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "14:05" today, "12 Mar 2026, 14:05" on other days. */
export function formatTimestamp(timestamp: number): string {
  const date = new Date(timestamp);
  return date.toDateString() === new Date().toDateString() ? time.format(date) : dateTime.format(date);
}

/** The full date and time, for a tooltip. */
export function formatFullTimestamp(timestamp: number): string {
  return new Date(timestamp).toLocaleString();
}

/** A message's text; messages of other formats are shown as JSON. */
export function messageText(message: { textMessage?: unknown }): string {
  return typeof message.textMessage === "string" ? message.textMessage : JSON.stringify(message);
}
