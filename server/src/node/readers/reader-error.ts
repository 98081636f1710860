/** A file that cannot be read, with the reason a user can act on (bilingual, Chinese first). */
export class ReaderError extends Error {
  override name = 'ReaderError';
}
