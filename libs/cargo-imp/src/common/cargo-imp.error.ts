/**
 * A message that breaks the Cargo-IMP grammar, found by a strict parser.
 *
 * Invariant: it always names where: the message (`FFM/8`, `FSU/15`), the 1-based line number, the
 * kind of line (e.g. `consignment detail`) and the data element (e.g. `weight`), so a sender can fix
 * the exact field. `column` is the 1-based character position of the field in the line.
 */
export class CargoImpSyntaxError extends Error {
  constructor(
    readonly messageType: string,
    readonly line: number,
    readonly lineName: string,
    readonly field: string,
    readonly reason: string,
    readonly column?: number,
  ) {
    super(`${messageType} line ${line} (${lineName}), ${field}${column !== undefined ? ` at column ${column}` : ''}: ${reason}`);
    this.name = 'CargoImpSyntaxError';
  }
}

/**
 * Data a writer cannot put into a valid message (a field too long for its data element, a code of
 * the wrong shape, an AWB with a wrong check digit). `field` is the path in the writer's input.
 */
export class CargoImpWriteError extends Error {
  constructor(
    readonly messageType: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${messageType}: ${field}: ${reason}`);
    this.name = 'CargoImpWriteError';
  }
}
