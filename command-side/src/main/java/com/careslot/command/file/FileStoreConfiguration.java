package com.careslot.command.file;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Chooses the file store: {@code careslot.files.store=postgres} (the default) or {@code s3}, which reads
 * {@code careslot.files.s3.bucket}, {@code .region}, {@code .endpoint} (for S3-compatible stores such as MinIO;
 * path-style addressing then) and {@code .prefix}; the credentials come from the AWS SDK's default chain (the
 * environment's {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}, a profile, an instance role), never from
 * Careslot's own properties.
 */
@Configuration(proxyBeanMethods = false)
class FileStoreConfiguration {

    @Bean
    @ConditionalOnProperty(name = "careslot.files.store", havingValue = "postgres", matchIfMissing = true)
    FileStore postgresFileStore(JdbcTemplate jdbc) {
        return new PostgresFileStore(jdbc);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "careslot.files.store", havingValue = "s3")
    S3Client s3Client(@Value("${careslot.files.s3.region:us-east-1}") String region,
                      @Value("${careslot.files.s3.endpoint:}") String endpoint) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnProperty(name = "careslot.files.store", havingValue = "s3")
    FileStore s3FileStore(S3Client s3, @Value("${careslot.files.s3.bucket}") String bucket,
                          @Value("${careslot.files.s3.prefix:careslot/}") String prefix) {
        return new S3FileStore(s3, bucket, prefix);
    }
}
