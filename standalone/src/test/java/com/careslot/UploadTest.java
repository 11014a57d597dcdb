package com.careslot;

import static com.careslot.SlotApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.careslot.platform.test.HttpJson;
import com.careslot.platform.test.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Credential documents and profile photos over real HTTP: types decided from the bytes, limits, who may download,
 * the audit of every download, photos without their EXIF location, and a 30 MB upload refused unread.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UploadTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final byte[] PDF = ("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);
    static final byte[] HTML = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
            .getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HttpJson api;
    TestAccounts accounts;
    TestAccounts.Session doctor;
    HttpJson asDoctor;
    HttpJson asAdmin;

    @BeforeEach
    void signIn() {
        api = HttpJson.onPort(port);
        accounts = new TestAccounts(api);
        doctor = accounts.doctor();
        asDoctor = api.as(doctor.accessToken());
        asAdmin = api.as(accounts.admin().accessToken());
    }

    @Test
    void onlyTheDoctorAndAdminsDownloadACredentialAndEveryDownloadIsInTheAuditTrail() throws Exception {
        byte[] png = png(40, 30);
        HttpJson.Response attached = asDoctor.send(new Multipart()
                .file("documents", "diploma.pdf", "application/pdf", PDF)
                .file("documents", "licence.png", "image/png", png)
                .request("POST", documentsUrl(doctor.accountId())));

        assertThat(attached.status()).as(attached.toString()).isEqualTo(201);
        JsonNode items = attached.json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("name").asText()).isEqualTo("diploma.pdf");
        assertThat(items.get(0).get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(items.get(0).get("size").asLong()).isEqualTo(PDF.length);
        assertThat(items.get(0).get("sha256").asText()).isEqualTo(sha256(PDF));
        assertThat(items.get(1).get("contentType").asText()).isEqualTo("image/png");
        assertThat(items.get(1).get("sha256").asText()).isEqualTo(sha256(png));
        String pdfId = items.get(0).get("documentId").asText();

        String event = jdbc.queryForObject("""
                select convert_from(payload, 'UTF8') from event_store.domain_event_entry
                where aggregate_identifier = ? and payload_type = 'com.careslot.api.doctor.CredentialsAttached'""",
                String.class, doctor.accountId().toString());
        assertThat(event).as("the event names the files").contains(pdfId, sha256(PDF))
                .as("their names encrypted as personal data").doesNotContain("diploma.pdf").contains("enc:v1:")
                .as("and carries none of their bytes").doesNotContain("PDF-1.4")
                .doesNotContain(Base64.getEncoder().encodeToString(PDF).substring(0, 16));
        assertThat(asAdmin.get(documentsUrlPath(doctor.accountId())).json().get("items")).hasSize(2);

        HttpResponse<byte[]> byAdmin = download(doctor.accountId(), pdfId, accounts.admin().accessToken());
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(byAdmin.body()).isEqualTo(PDF);
        assertThat(byAdmin.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(byAdmin.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment")
                .contains("diploma.pdf");
        assertThat(download(doctor.accountId(), pdfId, doctor.accessToken()).body()).isEqualTo(PDF);

        HttpJson.Response byStranger = api.as(accounts.doctor().accessToken())
                .get(documentsUrlPath(doctor.accountId()) + "/" + pdfId);
        assertProblem(byStranger, 403, "not-your-profile");
        assertProblem(api.as(accounts.patient().accessToken()).get(documentsUrlPath(doctor.accountId()) + "/" + pdfId),
                403, "forbidden");
        assertProblem(api.get(documentsUrlPath(doctor.accountId()) + "/" + pdfId), 401, "unauthenticated");
        assertProblem(api.as(accounts.doctor().accessToken()).get(documentsUrlPath(doctor.accountId())), 403,
                "forbidden");

        JsonNode downloads = await().atMost(Duration.ofSeconds(20)).until(() -> asAdmin.get(
                "/api/audit/events?type=CredentialDownloaded&aggregateId=" + doctor.accountId()).json().get("items"),
                found -> found.size() == 2);
        assertThat(downloads.findValuesAsText("role")).containsExactlyInAnyOrder("ADMIN", "DOCTOR");
        assertThat(downloads.findValues("payload")).allSatisfy(
                payload -> assertThat(payload.get("documentId").asText()).isEqualTo(pdfId));
    }

    @Test
    void aFileIsJudgedByItsBytesNotByItsNameOrDeclaredType() {
        HttpJson.Response spoofed = asDoctor.send(new Multipart()
                .file("documents", "diploma.pdf", "application/pdf", PDF)
                .file("documents", "cv.pdf", "application/pdf", HTML)
                .request("POST", documentsUrl(doctor.accountId())));

        assertProblem(spoofed, 415, "unsupported-file-type");
        assertThat(spoofed.json().get("file").asText()).isEqualTo("cv.pdf");
        assertThat(spoofed.json().get("detail").asText()).contains("cv.pdf").contains("text/html");
        assertThat(spoofed.json().get("errors").findValuesAsText("field")).containsExactly("documents[1]");
        assertThat(asDoctor.get(documentsUrlPath(doctor.accountId())).json().get("items"))
                .as("nothing of the refused upload is kept").isEmpty();

        HttpJson.Response photo = asDoctor.send(new Multipart().file("photo", "me.jpg", "image/jpeg", PDF)
                .request("PUT", photoUrl(doctor.accountId())));
        assertProblem(photo, 415, "unsupported-file-type");
        assertThat(photo.json().get("errors").findValuesAsText("field")).containsExactly("photo");
        assertProblem(asDoctor.send(new Multipart().file("documents", "x.png", "image/png", new byte[] {1, 2, 3})
                .request("POST", documentsUrl(doctor.accountId()))), 415, "unsupported-file-type");

        byte[] truncated = Arrays.copyOf(jpegHead(), 40);
        assertProblem(asDoctor.send(new Multipart().file("photo", "broken.jpg", "image/jpeg", truncated)
                .request("PUT", photoUrl(doctor.accountId()))), 415, "unsupported-file-type");
    }

    /** A PNG that declares 20000 × 20000 pixels in 60 bytes: refused from its header, before anything is decoded. */
    @Test
    void aDecompressionBombIsRefusedBeforeItIsDecoded() {
        HttpJson.Response bomb = asDoctor.send(new Multipart().file("photo", "bomb.png", "image/png", pngHeader(20_000))
                .request("PUT", photoUrl(doctor.accountId())));

        assertProblem(bomb, 422, "image-too-large");
        assertThat(bomb.json().get("errors").findValuesAsText("field")).containsExactly("photo");
    }

    @Test
    void aFileOverTheLimitOrASixthDocumentIsRefused() {
        byte[] eleven = new byte[11 * 1024 * 1024];
        System.arraycopy(PDF, 0, eleven, 0, PDF.length);
        HttpJson.Response tooLarge = asDoctor.send(new Multipart()
                .file("documents", "huge.pdf", "application/pdf", eleven)
                .request("POST", documentsUrl(doctor.accountId())));
        assertProblem(tooLarge, 413, "request-too-large");

        Multipart three = new Multipart();
        for (int i = 0; i < 3; i++) {
            three.file("documents", "page-" + i + ".pdf", "application/pdf", PDF);
        }
        assertThat(asDoctor.send(three.request("POST", documentsUrl(doctor.accountId()))).status()).isEqualTo(201);
        HttpJson.Response sixth = asDoctor.send(three.request("POST", documentsUrl(doctor.accountId())));
        assertProblem(sixth, 422, "too-many-documents");
        assertThat(asDoctor.get(documentsUrlPath(doctor.accountId())).json().get("items")).hasSize(3);
    }

    /**
     * The request declares 30 MB, sends 64 KB and waits: the answer comes anyway, so the server refused it by its
     * declared length without reading the rest (let alone holding it in memory).
     */
    @Test
    void aThirtyMegabyteUploadIsRefusedBeforeItIsRead() throws IOException {
        long declared = 30L * 1024 * 1024;
        String head = "POST " + documentsUrlPath(doctor.accountId()) + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Authorization: Bearer " + doctor.accessToken() + "\r\n"
                + "Content-Type: multipart/form-data; boundary=xyz\r\n"
                + "Content-Length: " + declared + "\r\n\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"documents\"; filename=\"big.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n";
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();

            String answer = new String(readAvailable(socket.getInputStream()), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("urn:careslot:problem:request-too-large");
        }
    }

    @Test
    void aPhotoIsStoredWithoutItsGpsLocationAndServedWithEtagAndCaching() throws Exception {
        byte[] jpeg = withGps(jpeg(800, 600));
        assertThat(gpsOf(jpeg)).as("the upload carries a location").isTrue();

        HttpJson.Response changed = asDoctor.send(new Multipart().file("photo", "me.jpg", "image/jpeg", jpeg)
                .request("PUT", photoUrl(doctor.accountId())));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("sha256").asText()).isEqualTo(sha256(jpeg));
        assertThat(changed.json().get("variants").findValuesAsText("pixels")).containsExactly("96", "256", "512");
        for (int size : List.of(96, 256, 512)) {
            HttpResponse<byte[]> served = get(photoPath(doctor.accountId()) + "?size=" + size, null, null);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(served.headers().firstValue("Cache-Control").orElseThrow()).contains("public")
                    .contains("no-cache");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(served.body()));
            assertThat(image.getWidth()).isEqualTo(size);
            assertThat(image.getHeight()).as("cropped square").isEqualTo(size);
            assertThat(gpsOf(served.body())).as("no location in the stored %d px version", size).isFalse();
            assertThat(new String(served.body(), StandardCharsets.ISO_8859_1)).as("no EXIF block at all")
                    .doesNotContain("Exif\0\0");
            String etag = served.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).isEqualTo("\"" + sha256(served.body()) + "\"");
            assertThat(get(photoPath(doctor.accountId()) + "?size=" + size, null, etag).statusCode()).isEqualTo(304);
        }
        String event = jdbc.queryForObject("""
                select convert_from(payload, 'UTF8') from event_store.domain_event_entry
                where aggregate_identifier = ? and payload_type = 'com.careslot.api.doctor.ProfilePhotoChanged'""",
                String.class, doctor.accountId().toString());
        assertThat(event.length()).as("names and digests only").isLessThan(2_000);

        HttpResponse<byte[]> placeholder = get(photoPath(accounts.doctor().accountId()), null, null);
        assertThat(placeholder.statusCode()).isEqualTo(200);
        assertThat(placeholder.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(placeholder.headers().firstValue("ETag")).isPresent();
        SlotApiTest.assertInvalid(api.get(photoPath(doctor.accountId()) + "?size=97"), "size");
    }

    @Test
    void anApplicationCarriesItsDocumentsAndPhotoOrNothingAtAll() throws Exception {
        String email = "applicant-" + UUID.randomUUID() + "@example.test";
        String application = "{\"email\":\"" + email + "\",\"password\":\"" + TestAccounts.PASSWORD + "\","
                + "\"fullName\":\"Dr. Applicant\",\"specialization\":\"Dermatology\",\"timeZone\":\"Europe/Rome\"}";
        HttpJson.Response spoofed = api.send(new Multipart().json("application", application)
                .file("documents", "diploma.pdf", "application/pdf", HTML)
                .request("POST", api.baseUrl() + "/api/auth/register-doctor"));
        assertProblem(spoofed, 415, "unsupported-file-type");

        HttpJson.Response applied = api.send(new Multipart().json("application", application)
                .file("documents", "diploma.pdf", "application/pdf", PDF)
                .file("photo", "me.png", "image/png", png(300, 200))
                .request("POST", api.baseUrl() + "/api/auth/register-doctor"));

        assertThat(applied.status()).as("the same email again: the refused one left nothing " + applied)
                .isEqualTo(201);
        UUID applicant = UUID.fromString(applied.json().get("doctorId").asText());
        JsonNode documents = asAdmin.get(documentsUrlPath(applicant)).json().get("items");
        assertThat(documents).hasSize(1);
        assertThat(download(applicant, documents.get(0).get("documentId").asText(),
                accounts.admin().accessToken()).body()).isEqualTo(PDF);
        assertThat(get(photoPath(applicant), null, null).headers().firstValue("Content-Type").orElseThrow())
                .as("not public while pending").startsWith("image/svg+xml");
        assertThat(get(photoPath(applicant), accounts.admin().accessToken(), null).headers()
                .firstValue("Content-Type")).as("the reviewing admin sees it").hasValue("image/jpeg");

        String documentId = documents.get(0).get("documentId").asText();
        SlotApiTest.assertInvalid(asAdmin.post("/api/admin/doctors/" + applicant + "/approve",
                "{\"documentNotes\":[{\"documentId\":\"" + UUID.randomUUID() + "\",\"note\":\"?\"}]}"),
                "documentNotes[0].documentId");
        HttpJson.Response approved = asAdmin.post("/api/admin/doctors/" + applicant + "/approve",
                "{\"documentNotes\":[{\"documentId\":\"" + documentId + "\",\"note\":\"Licence checked.\"}]}");
        assertThat(approved.status()).as("the refused notes left it pending " + approved).isEqualTo(200);
        HttpJson asApplicant = api.as(accounts.login(email, TestAccounts.PASSWORD).accessToken());
        assertThat(asApplicant.get(documentsUrlPath(applicant)).json().get("items").get(0).get("reviewNote").asText())
                .isEqualTo("Licence checked.");
        assertThat(get(photoPath(applicant), null, null).headers().firstValue("Content-Type"))
                .as("public once listed").hasValue("image/jpeg");
    }

    private String documentsUrl(UUID doctorId) {
        return api.baseUrl() + documentsUrlPath(doctorId);
    }

    private static String documentsUrlPath(UUID doctorId) {
        return "/api/doctors/" + doctorId + "/documents";
    }

    private String photoUrl(UUID doctorId) {
        return api.baseUrl() + photoPath(doctorId);
    }

    private static String photoPath(UUID doctorId) {
        return "/api/doctors/" + doctorId + "/photo";
    }

    private HttpResponse<byte[]> download(UUID doctorId, String documentId, String token) throws Exception {
        return get(documentsUrlPath(doctorId) + "/" + documentId, token, null);
    }

    private HttpResponse<byte[]> get(String path, String token, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Reads what the server sends until it closes the connection or is quiet for a second after answering. */
    private static byte[] readAvailable(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
                if (answer.toString(StandardCharsets.UTF_8).contains("}")) {
                    break;
                }
            }
        } catch (SocketException closed) {
            // the server closed the connection after answering
        }
        return answer.toByteArray();
    }

    private static byte[] jpegHead() {
        try {
            return jpeg(64, 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PNG signature, an IHDR chunk declaring {@code side} × {@code side} RGB pixels, and IEND. */
    private static byte[] pngHeader(int side) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(side).putInt(side)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, ihdr.array());
        chunk(out, "IEND".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, byte[] typeAndData) {
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        out.writeBytes(ByteBuffer.allocate(4).putInt(typeAndData.length - 4).array());
        out.writeBytes(typeAndData);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png", out);
        return out.toByteArray();
    }

    static byte[] jpeg(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpg", out);
        return out.toByteArray();
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(30, 110, 180));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.ORANGE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        return image;
    }

    /** The JPEG with an EXIF block that places it in Lisbon, written by Apache Commons Imaging. */
    static byte[] withGps(byte[] jpeg) throws Exception {
        TiffOutputSet exif = new TiffOutputSet();
        exif.setGpsInDegrees(-9.1393, 38.7223);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(jpeg, out, exif);
        return out.toByteArray();
    }

    static boolean gpsOf(byte[] jpeg) throws Exception {
        ImageMetadata metadata = Imaging.getMetadata(jpeg);
        return metadata instanceof JpegImageMetadata jpegMetadata && jpegMetadata.getExif() != null
                && jpegMetadata.getExif().getGpsInfo() != null;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
