package com.careslot.query.listing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.careslot.platform.web.InvalidInputException;

/**
 * How far the lists that can grow without bound (slots, appointments) count their matches, and how deep they may be
 * paged: {@code careslot.queries.count-limit}, 10,000 by default. Counting every one of 900,000 free slots for a page
 * of 50 costs a hundred times the page; counting up to the limit costs about as much as the page itself. Like
 * Elasticsearch's {@code track_total_hits} and {@code max_result_window} (docs/READ-MODELS.md).
 */
@Component
public class CountLimit {

    public static final String PROPERTY = "careslot.queries.count-limit";

    private final int limit;

    public CountLimit(@Value("${" + PROPERTY + ":10000}") int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException(PROPERTY + " must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    /** A page that starts at or past the limit is refused (400 naming {@code page}): deep offsets are slow scans. */
    public void requireWithin(int page, int size) {
        if ((long) page * size >= limit) {
            throw new InvalidInputException("page", "must start before the " + limit + "th item (page × size < "
                    + limit + "); narrow the filters instead");
        }
    }

    /**
     * The statement counting the rows of {@code select}, a {@code select 1 from … where …} without order or limit, but
     * never more than one past the limit.
     */
    public String counting(String select) {
        return "select count(*) from (" + select + " limit " + (limit + 1L) + ") matching";
    }

    /** What {@link #counting(String)} counted, as the list answers it. */
    public Total total(long counted) {
        return counted > limit ? new Total(limit, false) : new Total(counted, true);
    }

    /** {@code totalItems} and {@code totalItemsExact} of a list. */
    public record Total(long items, boolean exact) {
    }
}
