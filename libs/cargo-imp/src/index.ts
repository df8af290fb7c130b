/**
 * @cargo/cargo-imp — IATA Cargo-IMP messages as text: a writer and a strict parser for FFM/8 (airline
 * flight manifest) and FSU/15 (status update). Framework-free and independent of the rest of the
 * project; see README.md for the grammar implemented and the sources it follows.
 */
export * from './common/cargo-imp.error';
export * from './common/imp-elements.constants';
export * from './common/imp-values.model';
export { impFlightOf, flightNumberOf, impFreeText, awbCheckDigitOf } from './common/imp-elements.codec';
export * from './common/imp-local-time.util';
export { messageTextOf, splitMessages } from './common/message-text.util';

export * from './ffm/ffm.model';
export { writeFfm, FFM_HEADER } from './ffm/ffm.writer';
export { parseFfm, parseFfmManifest } from './ffm/ffm.parser';

export * from './fsu/fsu.model';
export { writeFsu, FSU_HEADER } from './fsu/fsu.writer';
export { parseFsu } from './fsu/fsu.parser';
