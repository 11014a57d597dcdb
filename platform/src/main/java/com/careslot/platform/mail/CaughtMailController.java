package com.careslot.platform.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The mail the embedded server caught, for whoever sits at this machine: {@code GET /api/dev/mail?to=} and a page at
 * {@code /mail} that reads it. Anyone else gets exactly the 404 an unknown path gets, so nothing here is visible
 * from outside. A request that came through a proxy ({@code Forwarded}, {@code X-Forwarded-For}) counts as
 * outside, whatever address the proxy itself has.
 */
@RestController
class CaughtMailController {

    private static final Resource PAGE = new ClassPathResource("careslot/mail/index.html");
    private static final Resource SCRIPT = new ClassPathResource("careslot/mail/mail.js");
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

    private final EmbeddedMailServer server;

    CaughtMailController(EmbeddedMailServer server) {
        this.server = server;
    }

    @GetMapping("/api/dev/mail")
    @PreAuthorize("permitAll()")
    ResponseEntity<Items> caughtMail(@RequestParam(required = false) String to, HttpServletRequest request)
            throws NoResourceFoundException {
        onlyFromThisMachine(request);
        String recipient = to == null ? "" : to.strip();
        List<CaughtMail> items = server.caughtMail(recipient);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Items(items));
    }

    @GetMapping({"/mail", "/mail/"})
    @PreAuthorize("permitAll()")
    ResponseEntity<Resource> page(HttpServletRequest request) throws NoResourceFoundException {
        onlyFromThisMachine(request);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(HTML).body(PAGE);
    }

    @GetMapping("/mail/mail.js")
    @PreAuthorize("permitAll()")
    ResponseEntity<Resource> script(HttpServletRequest request) throws NoResourceFoundException {
        onlyFromThisMachine(request);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(JAVASCRIPT).body(SCRIPT);
    }

    record Items(List<CaughtMail> items) {
    }

    private static void onlyFromThisMachine(HttpServletRequest request) throws NoResourceFoundException {
        boolean proxied = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
        if (proxied || !isLoopback(request.getRemoteAddr())) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            throw new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), path.replaceFirst("^/", ""));
        }
    }

    private static boolean isLoopback(String address) {
        // Only an IP literal: InetAddress.getByName would resolve a host name through DNS.
        if (address == null || !address.matches("[0-9A-Fa-f:.%\\[\\]]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
