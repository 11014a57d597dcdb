# One image definition for every Careslot service; the build arg JAR picks which prebuilt jar goes in.
# Build the jars first (the image does not run Maven):
#   ./mvnw -q -DskipTests install
#   docker build --build-arg JAR=command-side/target/command-side-0.1.0-SNAPSHOT-exec.jar --build-arg PORT=8081 -t careslot-command-side .
# docker-compose.yml builds the three services this way.
FROM eclipse-temurin:17-jre

ARG JAR
ARG PORT=8080

RUN groupadd --system careslot \
    && useradd --system --gid careslot --home-dir /app --shell /usr/sbin/nologin careslot \
    && mkdir -p /app/data/keys \
    && chown -R careslot:careslot /app

WORKDIR /app
COPY --chown=careslot:careslot ${JAR} /app/app.jar

USER careslot

# SERVER_PORT is Spring Boot's server.port, so the service and the health check agree on it. CARESLOT_DATA_DIR
# only matters without CARESLOT_DB_URL (the embedded PostgreSQL default).
ENV SERVER_PORT=${PORT} \
    CARESLOT_DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

EXPOSE ${PORT}

HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" >/dev/null || exit 1

ENTRYPOINT ["java", "-jar", "/app/app.jar"]
