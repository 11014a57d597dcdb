package com.careslot.command.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Files in {@code command_side.file_content}, in the caller's transaction. In: pgjdbc sends a stream of known length
 * as it reads it ({@code setBinaryStream}). Out: slices of {@link #SLICE} bytes, one statement each, so neither the
 * driver nor we ever hold more than a slice (the column is stored uncompressed, so a slice reads only its pages).
 */
class PostgresFileStore implements FileStore {

    static final int SLICE = 1024 * 1024;

    private final JdbcTemplate jdbc;

    PostgresFileStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(UUID fileId, InputStream content, long size, String contentType) {
        jdbc.update("insert into command_side.file_content (file_id, content, size) values (?, ?, ?)", statement -> {
            statement.setObject(1, fileId);
            statement.setBinaryStream(2, content, size);
            statement.setLong(3, size);
        });
    }

    @Override
    public boolean copyTo(UUID fileId, OutputStream out) throws IOException {
        Optional<Long> size = jdbc.query("select size from command_side.file_content where file_id = ?",
                (rs, row) -> rs.getLong(1), fileId).stream().findFirst();
        if (size.isEmpty()) {
            return false;
        }
        for (long from = 0; from < size.get(); from += SLICE) {
            byte[] slice = jdbc.queryForObject(
                    "select substring(content from ?::integer for ?::integer) from command_side.file_content "
                            + "where file_id = ?",
                    byte[].class, Math.toIntExact(from + 1), SLICE, fileId);
            out.write(slice);
        }
        return true;
    }

    @Override
    public void delete(UUID fileId) {
        jdbc.update("delete from command_side.file_content where file_id = ?", fileId);
    }
}
