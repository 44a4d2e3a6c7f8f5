package io.reviewstream.examples.transcription;

import io.reviewstream.examples.kit.Batch;
import io.reviewstream.examples.kit.GeneratedPrediction;
import io.reviewstream.examples.kit.Kit;
import io.reviewstream.examples.kit.KitRandom;
import io.reviewstream.examples.kit.ObjectLocation;
import io.reviewstream.examples.kit.StoredObject;
import io.reviewstream.examples.media.Wav;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recorded customer calls transcribed by Amazon Transcribe: the recording (a WAV file) and the job's transcript
 * JSON, with a confidence for every word. Transcribe writes confidences as strings, which conditions cannot
 * compare, so the step that hands a finished job to Reviewstream adds the lowest word confidence as a number; a
 * person corrects the transcripts with a word below 0.6.
 *
 * <p>No speech synthesizer is at hand offline, so the recording is voice-like: a buzz of harmonics whose pitch
 * and loudness move like speech, one burst per word, at the times the transcript gives.
 */
public final class TranscriptionKit implements Kit {

    private static final List<String> UTTERANCES = List.of(
            "Hello, I would like to change the address on my account.",
            "My last invoice shows a charge I do not recognise.",
            "Can you tell me when the engineer will arrive tomorrow?",
            "I want to cancel my contract at the end of the month.",
            "The router keeps losing its connection in the evening.");
    /** How Transcribe mishears a word when the line is bad. */
    private static final Map<String, String> MISHEARD = Map.of("address", "a dress", "account", "a count",
            "invoice", "in voice", "engineer", "engine ear", "contract", "con tract", "router", "rooter",
            "charge", "large", "cancel", "castle", "connection", "collection");

    @Override
    public String name() {
        return "transcription";
    }

    @Override
    public String flowDefinitionName() {
        return "call-transcript-review";
    }

    @Override
    public Batch generate(KitRandom random, int count, ObjectLocation objects) {
        List<GeneratedPrediction> predictions = new ArrayList<>();
        List<StoredObject> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean badLine = random.chance(0.4);
            String id = random.id("call");
            String name = "calls/" + id + ".wav";
            String utterance = random.pick(UTTERANCES);

            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            List<double[]> spans = new ArrayList<>();
            StringBuilder transcript = new StringBuilder();
            double time = random.between(0.2, 0.6, 2);
            double lowest = 1;
            boolean misheard = false;
            int itemId = 0;
            for (String token : utterance.split(" ")) {
                String word = token.replaceAll("[^A-Za-z']", "");
                String punctuation = token.substring(word.length());
                String heard = word;
                double confidence = random.between(0.9, 0.9999, 4);
                String key = word.toLowerCase(Locale.ROOT);
                if (badLine && MISHEARD.containsKey(key) && !misheard) {
                    heard = MISHEARD.get(key);
                    confidence = random.between(0.21, 0.55, 4);
                    misheard = true;
                }
                double duration = 0.12 + 0.065 * word.length();
                ObjectNode pronunciation = items.addObject().put("id", itemId++).put("type", "pronunciation");
                pronunciation.putArray("alternatives").addObject()
                        .put("confidence", String.format(Locale.ROOT, "%.4f", confidence)).put("content", heard);
                pronunciation.put("start_time", String.format(Locale.ROOT, "%.3f", time))
                        .put("end_time", String.format(Locale.ROOT, "%.3f", time + duration));
                spans.add(new double[]{time, duration});
                lowest = Math.min(lowest, confidence);
                transcript.append(transcript.isEmpty() ? "" : " ").append(heard);
                time += duration + random.between(0.05, 0.14, 3);
                if (!punctuation.isEmpty()) {
                    items.addObject().put("id", itemId++).put("type", "punctuation").putArray("alternatives")
                            .addObject().put("confidence", "0.0").put("content", punctuation);
                    transcript.append(punctuation);
                    time += 0.25;
                }
            }
            stored.add(new StoredObject(objects.bucket(), objects.key(name), "audio/wav",
                    Wav.encode(voice(random, spans, time + 0.4))));

            ObjectNode input = JsonNodeFactory.instance.objectNode();
            input.put("audio", objects.uri(name));
            input.put("lowestWordConfidence", lowest);
            ObjectNode job = input.putObject("transcribeJob");
            job.put("jobName", id);
            job.put("accountId", "111122223333");
            ObjectNode results = job.putObject("results");
            results.putArray("transcripts").addObject().put("transcript", transcript.toString());
            results.set("items", items);
            job.put("status", "COMPLETED");
            predictions.add(new GeneratedPrediction(id, input, misheard));
        }
        return new Batch(predictions, stored);
    }

    /** One voiced burst per word: a gliding pitch with its harmonics, under a syllable-rate envelope. */
    private static double[] voice(KitRandom random, List<double[]> spans, double seconds) {
        double[] samples = new double[(int) Math.ceil(seconds * Wav.SAMPLE_RATE)];
        double pitch = random.between(105.0, 210.0, 1);
        for (double[] span : spans) {
            int start = (int) (span[0] * Wav.SAMPLE_RATE);
            int length = (int) (span[1] * Wav.SAMPLE_RATE);
            double glide = random.between(-0.15, 0.15, 3);
            double phase = 0;
            for (int n = 0; n < length && start + n < samples.length; n++) {
                double t = (double) n / length;
                double f0 = pitch * (1 + glide * t);
                phase += 2 * Math.PI * f0 / Wav.SAMPLE_RATE;
                double envelope = Math.sin(Math.PI * t) * (0.6 + 0.4 * Math.abs(Math.sin(Math.PI * 4 * t)));
                double sample = 0;
                for (int harmonic = 1; harmonic <= 6; harmonic++) {
                    sample += Math.sin(harmonic * phase) / (harmonic * 1.6);
                }
                samples[start + n] = 0.35 * envelope * sample + 0.01 * (random.raw().nextDouble() - 0.5);
            }
        }
        return samples;
    }
}
