/** The logging the library needs; NestJS's `Logger` satisfies it. */
export interface MessagingLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, trace?: string): void;
  debug?(message: string): void;
}

/** Default logger outside Nest: warnings and errors to stderr, the rest dropped. */
export const stderrLogger = (context: string): MessagingLogger => ({
  log: () => undefined,
  debug: () => undefined,
  warn: (message) => console.warn(`[${context}] ${message}`),
  error: (message, trace) => console.error(`[${context}] ${message}${trace ? `\n${trace}` : ''}`),
});
