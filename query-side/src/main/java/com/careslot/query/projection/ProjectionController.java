package com.careslot.query.projection;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.careslot.platform.web.NotFoundException;
import com.careslot.platform.web.Problems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Projections (admin)")
class ProjectionController {

    private final Projections projections;

    ProjectionController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping("/api/admin/projections")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "The read-model projections with their position, whether they have caught up, and replay state")
    List<ProjectionView> all() {
        return projections.all();
    }

    @GetMapping("/api/admin/projections/{name}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "One read-model projection with its position, whether it has caught up, and replay state")
    ProjectionView one(@PathVariable String name) {
        return projections.find(name).orElseThrow(() -> unknown(name));
    }

    @PostMapping("/api/admin/projections/{name}/replay")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Rebuild a read model from the first event",
            description = "Stops the projection, clears its tables and resets its tokens in one transaction, and "
                    + "starts it again; answers 202 at once while it catches up (follow the Location). Reads of that "
                    + "model are incomplete until it has. 409 when another query-side node holds its segments.")
    ResponseEntity<ProjectionView> replay(@PathVariable String name) {
        if (!projections.replay(name)) {
            throw unknown(name);
        }
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections/" + name))
                .body(projections.find(name).orElseThrow(() -> unknown(name)));
    }

    @ExceptionHandler(ProjectionBusyException.class)
    ResponseEntity<ProblemDetail> busy(ProjectionBusyException busy) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Problems.of(HttpStatus.CONFLICT, "projection-busy", "Projection busy", busy.getMessage()));
    }

    private static NotFoundException unknown(String name) {
        return new NotFoundException("No read-model projection is named " + name + ".");
    }
}
