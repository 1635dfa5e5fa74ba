/**
 * The seeded synthetic registry behind the scale benchmark: a documented, deterministic generator of
 * patient rows shaped like the study's codebook, written as a stream. Computes no statistics.
 */
package studybook.registry;
