package dev.eddy.kernel.internal.display;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.eval.CellContext;
import dev.eddy.kernel.internal.eval.CellRouting;
import dev.eddy.kernel.internal.transport.Publisher;
import dev.eddy.kernel.internal.wire.Json;
import dev.eddy.kernel.internal.wire.MessageFactory;
import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.display.UpdateThrottle;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.api.render.Renderers;
import dev.eddy.streaming.api.StreamingQuery;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Publishes displays: {@code display_data} with a display id under the calling thread's cell, and
 * {@code update_display_data} under the cell that created the display, from any thread, at any time later.
 * Updates are coalesced per display (at most one per interval, latest wins; DESIGN: 4 per second) by the one
 * display throttle, {@link UpdateThrottle}, which the live views pace themselves with too; their updates come
 * through {@link #updateDisplayNow} and are not throttled a second time.
 */
public final class DisplayPublisher {
    private final Publisher iopub;
    private final MessageFactory messages;
    private final Renderers renderers;
    private final Map<String, JsonNode> parentByDisplayId = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
            return size() > MAX_DISPLAYS;
        }
    });
    private final UpdateThrottle throttle;
    private final EddyRuntime runtime;

    /**
     * The displays a cell may still update: every display of a live view until its query ends, and the most recent
     * ones of the others (a display has no end of its own; 10,000 is far more than a notebook shows).
     */
    static final int MAX_DISPLAYS = 10_000;

    /**
     * Updates of one display go out at most once per {@code updateIntervalMillis} (latest wins), except a live
     * view's, which the view paces itself; {@code display(query)} opens a live view in {@code runtime}.
     */
    public DisplayPublisher(
            Publisher iopub,
            MessageFactory messages,
            Renderers renderers,
            ScheduledExecutorService timer,
            long updateIntervalMillis,
            EddyRuntime runtime) {
        this.iopub = iopub;
        this.messages = messages;
        this.renderers = renderers;
        this.runtime = runtime;
        this.throttle = new UpdateThrottle(UpdateThrottle.Scheduler.of(timer), updateIntervalMillis, System::nanoTime);
    }

    /** Sends every coalesced update now; called when a cell ends so its final state is shown before idle. */
    public void flushUpdates() {
        throttle.flushAll();
    }

    public Renderers renderers() {
        return renderers;
    }

    public String display(Object value) {
        if (value instanceof StreamingQuery q) {
            // display(query) opens a live view; its displays come back through this method as bundles
            return runtime.openLiveView(q, this::display, this::updateDisplayNow, this::endDisplay);
        }
        CellContext cell = cell();
        String id = UUID.randomUUID().toString();
        parentByDisplayId.put(id, cell.parentHeader());
        cell.flush();
        publish("display_data", cell.parentHeader(), bundleContent(renderers.render(value), id));
        cell.noteDisplayId(id);
        return id;
    }

    public void updateDisplay(String displayId, Object value) {
        JsonNode parent = parent(displayId);
        // Rendered now (the value may change later), sent when the throttle allows.
        ObjectNode content = bundleContent(renderers.render(value), displayId);
        throttle.submit(displayId, () -> publish("update_display_data", parent, content));
    }

    /** An update that is paced by its caller (a live view): sent now, not throttled a second time. */
    public void updateDisplayNow(String displayId, Object value) {
        JsonNode parent = parent(displayId);
        publish("update_display_data", parent, bundleContent(renderers.render(value), displayId));
    }

    /** The display gets no more updates (its live view ended): forget it. */
    public void endDisplay(String displayId) {
        throttle.flush(displayId);
        throttle.forget(displayId);
        parentByDisplayId.remove(displayId);
    }

    /** Displays whose updates can still be routed (a live view's until it ends; the most recent others). */
    public int knownDisplays() {
        return parentByDisplayId.size();
    }

    private JsonNode parent(String displayId) {
        JsonNode parent = parentByDisplayId.get(displayId);
        if (parent == null) {
            throw new IllegalArgumentException("no display with id " + displayId + " (ids come from display(...))");
        }
        CellContext current = CellRouting.current();
        if (current != null) {
            current.flush();
        }
        return parent;
    }

    public void clearOutput(boolean wait) {
        CellContext cell = cell();
        cell.flush();
        ObjectNode c = Json.object();
        c.put("wait", wait);
        publish("clear_output", cell.parentHeader(), c);
    }

    /** The result of a cell: {@code execute_result} with its execution count. */
    public void executeResult(CellContext cell, int executionCount, MimeBundle bundle) {
        ObjectNode c = bundleContent(bundle, null);
        c.put("execution_count", executionCount);
        publish("execute_result", cell.parentHeader(), c);
    }

    private void publish(String type, JsonNode parent, JsonNode content) {
        iopub.publish(messages.publication(type, parent, content, Json.object()));
    }

    private static ObjectNode bundleContent(MimeBundle b, String displayId) {
        ObjectNode c = Json.object();
        c.set("data", Json.tree(b.data()));
        c.set("metadata", Json.tree(b.metadata()));
        ObjectNode transient_ = c.putObject("transient");
        if (displayId != null) {
            transient_.put("display_id", displayId);
        }
        return c;
    }

    private static CellContext cell() {
        CellContext c = CellRouting.currentOrLast();
        if (c == null) {
            throw new IllegalStateException("display needs a running cell (none has run yet)");
        }
        return c;
    }
}
