package com.careslot.query.slot;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.careslot.api.slot.SlotPage;
import com.careslot.api.slot.SlotView;
import com.careslot.api.slot.WatchSlots;
import com.careslot.platform.position.ReadsFrom;
import com.careslot.platform.security.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * A doctor's slots as they change, as Server-Sent Events, fed by an Axon subscription query on the slot projection:
 * first a {@code snapshot} event (their upcoming slots, a {@link SlotPage}), then one {@code slot} event per change
 * (a {@link SlotView}), and a comment line as a heartbeat so proxies keep the stream open and a gone client is noticed.
 */
@RestController
@ReadsFrom("slot-view")
@Tag(name = "Slots (reads)")
class SlotStreamController {

    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private final QueryGateway queryGateway;
    private final Duration lifetime;
    private final Duration heartbeat;

    SlotStreamController(QueryGateway queryGateway,
                         @Value("${careslot.slots.stream-lifetime:PT30M}") Duration lifetime,
                         @Value("${careslot.slots.stream-heartbeat:PT20S}") Duration heartbeat) {
        this.queryGateway = queryGateway;
        this.lifetime = lifetime;
        this.heartbeat = heartbeat;
    }

    @GetMapping(path = "/api/slots/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("permitAll()")
    @Operation(summary = "A doctor's slots as they change (Server-Sent Events)",
            description = "Open to everyone. Events: `snapshot` (the doctor's upcoming slots, as a list) once, then "
                    + "`slot` (one slot's new state) per change. Who booked a slot is shown only to that patient, the "
                    + "doctor and admins. The stream ends after a while; EventSource clients reconnect by themselves.")
    SseEmitter stream(@AuthenticationPrincipal Caller caller, @RequestParam UUID doctorId) {
        SseEmitter emitter = new SseEmitter(lifetime.toMillis());
        SubscriptionQueryResult<SlotPage, SlotView> watch = queryGateway.subscriptionQuery(new WatchSlots(doctorId),
                ResponseTypes.instanceOf(SlotPage.class), ResponseTypes.instanceOf(SlotView.class));
        Flux<SseEmitter.SseEventBuilder> events = watch.initialResult()
                .map(page -> snapshot(caller, page))
                .concatWith(watch.updates().map(slot -> SseEmitter.event().name("slot")
                        .data(SlotQueryController.visibleTo(caller, slot), MediaType.APPLICATION_JSON)));
        Flux<SseEmitter.SseEventBuilder> beats = Flux.interval(heartbeat).map(beat -> SseEmitter.event().comment(""));
        Disposable sending = Flux.merge(events, beats).subscribe(
                event -> send(emitter, event, watch),
                emitter::completeWithError,
                emitter::complete);
        open.add(emitter);
        Runnable stop = () -> {
            open.remove(emitter);
            sending.dispose();
            watch.cancel();
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(error -> stop.run());
        return emitter;
    }

    /** Streams never finish by themselves: end them when the service stops, so shutdown need not wait for them. */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        open.forEach(SseEmitter::complete);
    }

    private static SseEmitter.SseEventBuilder snapshot(Caller caller, SlotPage page) {
        SlotPage visible = new SlotPage(page.items().stream().map(slot -> SlotQueryController.visibleTo(caller, slot))
                .toList(), page.page(), page.size(), page.totalItems(), page.totalItemsExact());
        return SseEmitter.event().name("snapshot").data(visible, MediaType.APPLICATION_JSON);
    }

    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event,
                             SubscriptionQueryResult<?, ?> watch) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            watch.cancel();
            emitter.completeWithError(gone);
        }
    }
}
