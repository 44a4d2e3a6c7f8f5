package io.reviewstream.flowservice.console.deadletter;

import io.reviewstream.flowservice.api.ApiException;
import io.reviewstream.schemas.deadletter.DeadLetterReason;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The console's dead letters: pages of them by source topic and reason, one record in full, and replays. */
@RestController
@RequestMapping(path = "/console/api/dead-letters", produces = "application/json")
public class DeadLetterController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DeadLetterTopic deadLetters;
    private final DeadLetterContent content;
    private final DeadLetterReplay replay;
    private final DeadLetterProperties properties;
    private final Topics topics;

    public DeadLetterController(DeadLetterTopic deadLetters, DeadLetterContent content, DeadLetterReplay replay,
                                DeadLetterProperties properties, Topics topics) {
        this.deadLetters = deadLetters;
        this.content = content;
        this.replay = replay;
        this.properties = properties;
        this.topics = topics;
    }

    /** What the filters offer: the system's topics and every reason a dead letter can have. */
    @GetMapping("/filters")
    public ObjectNode filters() {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode sources = node.putArray("sourceTopics");
        topics.all().stream().map(Topic::name).filter(name -> !name.equals(topics.deadLetters.name()))
                .forEach(sources::add);
        ArrayNode reasons = node.putArray("reasons");
        Arrays.stream(DeadLetterReason.values()).map(Enum::name).forEach(reasons::add);
        return node;
    }

    /**
     * @param from where the page starts, {@code partition-offset} per partition joined by commas (the previous
     *             page's {@code next}); partitions not named start at their first record
     */
    @GetMapping
    public ObjectNode page(@RequestParam(required = false) String sourceTopic,
                           @RequestParam(required = false) String reason,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) Integer limit) {
        int size = limit == null ? properties.maxPageSize() : limit;
        if (size < 1 || size > properties.maxPageSize()) {
            throw ApiException.validation("limit must be between 1 and " + properties.maxPageSize());
        }
        Map<Integer, Long> start = new HashMap<>();
        if (from != null && !from.isBlank()) {
            for (String part : from.split(",")) {
                DeadLetterPosition position = DeadLetterPosition.parse(part.trim());
                start.put(position.partition(), position.offset());
            }
        }
        DeadLetterTopic.Page page = deadLetters.page(start, new DeadLetterTopic.Filter(blankToNull(sourceTopic),
                blankToNull(reason)), size, properties.maxScan());
        ObjectNode node = JSON.createObjectNode();
        ArrayNode records = node.putArray("records");
        page.records().forEach(record -> records.add(content.summary(record)));
        node.put("next", page.next().entrySet().stream().map(e -> e.getKey() + "-" + e.getValue())
                .collect(Collectors.joining(",")));
        node.put("scanned", page.scanned());
        long total = page.ends().entrySet().stream()
                .mapToLong(e -> e.getValue() - page.starts().getOrDefault(e.getKey(), 0L)).sum();
        long remaining = page.ends().entrySet().stream()
                .mapToLong(e -> e.getValue() - page.next().getOrDefault(e.getKey(), 0L)).sum();
        node.put("total", total).put("remaining", remaining);
        return node;
    }

    @GetMapping("/{id}")
    public ObjectNode record(@PathVariable String id) {
        DeadLetterPosition position = DeadLetterPosition.parse(id);
        return content.detail(deadLetters.read(position).orElseThrow(() ->
                ApiException.notFound("The dead letter " + position + " does not exist (any more)")));
    }

    /** Replays the dead letters named in {@code {"ids": ["0-12", ...]}}: all of them, or none if one is refused. */
    @PostMapping("/replay")
    public ObjectNode replay(@RequestBody ReplayRequest request) {
        if (request == null || request.ids() == null || request.ids().isEmpty()) {
            throw ApiException.validation("Name the dead letters to replay in ids");
        }
        if (request.ids().size() > properties.maxPageSize()) {
            throw ApiException.validation("At most " + properties.maxPageSize() + " dead letters are replayed at once");
        }
        List<DeadLetterReplay.Replayed> replayed = replay.replay(request.ids().stream().distinct()
                .map(DeadLetterPosition::parse).toList(), SecurityContextHolder.getContext().getAuthentication());
        ObjectNode node = JSON.createObjectNode();
        ArrayNode list = node.putArray("replayed");
        replayed.forEach(r -> list.addObject().put("id", r.deadLetter().toString()).put("topic", r.topic())
                .put("partition", r.partition()).put("offset", r.offset()).put("replays", r.replays()));
        return node;
    }

    public record ReplayRequest(List<String> ids) {
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
