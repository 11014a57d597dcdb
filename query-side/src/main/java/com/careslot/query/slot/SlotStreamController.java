package com.careslot.query.slot;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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
import jakarta.servlet.http.HttpServletRequest;
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
    /** Marks the end of a stream's events, so its heartbeats end with them. */
    private static final SseEmitter.SseEventBuilder END = SseEmitter.event();

    private final QueryGateway queryGateway;
    private final OpenStreams streams;
    private final Duration lifetime;
    private final Duration heartbeat;
    private final Duration idleTimeout;

    SlotStreamController(QueryGateway queryGateway, OpenStreams streams,
                         @Value("${careslot.slots.stream-lifetime:PT30M}") Duration lifetime,
                         @Value("${careslot.slots.stream-heartbeat:PT10S}") Duration heartbeat,
                         @Value("${careslot.slots.stream-idle-timeout:PT10M}") Duration idleTimeout) {
        this.queryGateway = queryGateway;
        this.streams = streams;
        this.lifetime = lifetime;
        this.heartbeat = heartbeat;
        this.idleTimeout = idleTimeout;
    }

    @GetMapping(path = "/api/slots/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("permitAll()")
    @Operation(summary = "A doctor's slots as they change (Server-Sent Events)",
            description = "Open to everyone. Events: `snapshot` (the doctor's upcoming slots, as a list) once, then "
                    + "`slot` (one slot's new state) per change. Who booked a slot is shown only to that patient, the "
                    + "doctor and admins. The stream ends after a while, and after a while without changes; "
                    + "EventSource clients reconnect by themselves. 429 too-many-streams beyond the streams one "
                    + "address (default 20), one account (default 5) or the whole service (default 2000) may keep "
                    + "open at once.")
    SseEmitter stream(@AuthenticationPrincipal Caller caller, @RequestParam UUID doctorId,
                      HttpServletRequest request) {
        Runnable release = streams.open(request.getRemoteAddr(), caller == null ? null : caller.accountId());
        SseEmitter emitter = new SseEmitter(lifetime.toMillis());
        SubscriptionQueryResult<SlotPage, SlotView> watch;
        try {
            watch = queryGateway.subscriptionQuery(new WatchSlots(doctorId),
                    ResponseTypes.instanceOf(SlotPage.class), ResponseTypes.instanceOf(SlotView.class));
        } catch (RuntimeException failed) {
            release.run();
            throw failed;
        }
        Flux<SseEmitter.SseEventBuilder> events = watch.initialResult()
                .map(page -> snapshot(caller, page))
                .concatWith(watch.updates().map(slot -> SseEmitter.event().name("slot")
                        .data(SlotQueryController.visibleTo(caller, slot), MediaType.APPLICATION_JSON)))
                // a stream that has carried no change for the idle timeout ends; its client reconnects if it cares
                .timeout(idleTimeout, Flux.empty())
                .concatWith(Flux.just(END));
        Flux<SseEmitter.SseEventBuilder> beats = Flux.interval(heartbeat).map(beat -> SseEmitter.event().comment(""));
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicReference<Disposable> sending = new AtomicReference<>();
        // Once, however it ends: a second cancel of Axon's subscription query fails inside Reactor.
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                release.run();
                Disposable subscription = sending.get();
                if (subscription != null) {
                    subscription.dispose();
                }
                watch.cancel();
            }
        };
        open.add(emitter);
        sending.set(Flux.merge(events, beats)
                .takeWhile(event -> event != END)
                .subscribe(
                        event -> send(emitter, event, stop),
                        emitter::completeWithError,
                        emitter::complete));
        if (stopped.get()) {
            sending.get().dispose(); // it ended while it subscribed, before there was anything to dispose
        }
        // Only the container's end of the request takes it off the list that shutdown completes.
        emitter.onCompletion(() -> {
            open.remove(emitter);
            stop.run();
        });
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

    /** A write that fails means the client has gone: its stream ends and frees its place at once. */
    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event, Runnable stop) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            stop.run();
            emitter.completeWithError(gone);
        }
    }
}
