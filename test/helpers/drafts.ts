/** The drafts that have hand-written expectations: every sample and seed, and every real report of test/fixtures/corpus. */
import { SAMPLES, SEEDS, list } from './repo';

export const CORPUS = 'test/fixtures/corpus';

export const EXPECTED_DRAFTS = () => [...SAMPLES(), ...SEEDS(), ...list(CORPUS, /\.(txt|html)$/)];
