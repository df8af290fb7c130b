import { CargoImpSyntaxError } from './cargo-imp.error';
import { CRLF, MAX_LINE_CHARS, MAX_MESSAGE_CHARS } from './imp-elements.constants';

/** Message text from lines: every line ends with CRLF. */
export function messageTextOf(lines: readonly string[]): string {
  return lines.map((line) => `${line}${CRLF}`).join('');
}

/** Characters a message of these lines takes on the wire (each line plus its CRLF). */
export function messageLengthOf(lines: readonly string[]): number {
  return lines.reduce((n, line) => n + line.length + CRLF.length, 0);
}

/**
 * The lines of one message. Lines end with CRLF (a bare LF is accepted too, a bare CR is not); the
 * last line break is optional. Checked here, before any field: the message is not empty, has no
 * empty line (a blank line separates messages), no line longer than {@link MAX_LINE_CHARS} and not
 * more than {@link MAX_MESSAGE_CHARS} characters in all.
 */
export function linesOfMessage(messageType: string, text: string): string[] {
  if (/\r(?!\n)/.test(text)) {
    const line = text.slice(0, text.search(/\r(?!\n)/)).split('\n').length;
    throw new CargoImpSyntaxError(messageType, line, 'message', 'line end', 'a carriage return without a line feed (lines end with CRLF)');
  }
  const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') throw new CargoImpSyntaxError(messageType, 1, 'message', 'message', 'is empty');
  lines.forEach((line, i) => {
    if (line === '') throw new CargoImpSyntaxError(messageType, i + 1, 'message', 'line', 'is empty (a blank line ends a message)');
    if (line.length > MAX_LINE_CHARS) throw new CargoImpSyntaxError(messageType, i + 1, 'message', 'line', `has ${line.length} characters; at most ${MAX_LINE_CHARS}`);
  });
  const length = messageLengthOf(lines);
  if (length > MAX_MESSAGE_CHARS) {
    throw new CargoImpSyntaxError(messageType, lines.length, 'message', 'message length', `${length} characters; a Cargo-IMP message has at most ${MAX_MESSAGE_CHARS} (split it with CONT/LAST)`);
  }
  return lines;
}

/** Several messages in one text, separated by one or more blank lines (how this system serves split messages over HTTP). */
export function splitMessages(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((part) => part.replace(/^\n+|\n+$/g, ''))
    .filter((part) => part.length > 0);
}
