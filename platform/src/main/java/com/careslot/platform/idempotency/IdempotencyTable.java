package com.careslot.platform.idempotency;

import java.util.regex.Pattern;

/**
 * The table that keeps the first answer to each {@code Idempotency-Key}, as {@code schema.table}. A service that
 * declares this bean turns idempotent writes on for its process and owns the table's migration; its columns are
 * those of {@code command_side.idempotent_request}.
 */
public record IdempotencyTable(String qualifiedName) {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    public IdempotencyTable {
        if (qualifiedName == null || !NAME.matcher(qualifiedName).matches()) {
            throw new IllegalArgumentException("Not a table name: " + qualifiedName);
        }
    }
}
