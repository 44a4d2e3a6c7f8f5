package io.reviewstream.flowservice.console.history;

import io.reviewstream.flowservice.api.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** A loop's timeline for the console's loop page. */
@RestController
public class LoopTimelineController {

    private final LoopTimeline timeline;

    public LoopTimelineController(LoopTimeline timeline) {
        this.timeline = timeline;
    }

    @GetMapping(path = "/console/api/loops/{name}/timeline", produces = "application/json")
    public ObjectNode timeline(@PathVariable String name) {
        return timeline.of(name).orElseThrow(() -> ApiException.notFound("Human loop " + name + " is not known"));
    }
}
