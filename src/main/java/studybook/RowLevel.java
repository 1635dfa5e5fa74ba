package studybook;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component holding one value per patient (follow-up times, statuses, group indices,
 * a design matrix). results.json and the reports hold aggregates only: such a component is published
 * as its size and a SHA-256 of its values ({@code {"rowLevel": true, "rows": n, "hash": ...}}), never as
 * its values; the cell cache and output hashes still see every value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface RowLevel {}
