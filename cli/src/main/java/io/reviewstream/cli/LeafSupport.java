package io.reviewstream.cli;

import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What every command needs: the root's options, its output streams, and JSON files read with a clear error. */
public final class LeafSupport {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private LeafSupport() {
    }

    public static ReviewstreamCli root(CommandSpec spec) {
        return (ReviewstreamCli) spec.root().userObject();
    }

    public static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    public static PrintWriter err(CommandSpec spec) {
        return spec.commandLine().getErr();
    }

    public static JsonNode readJsonFile(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new OperationFailedException("No such file: " + file);
        } catch (JacksonException e) {
            throw new OperationFailedException(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new OperationFailedException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    public static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new OperationFailedException("No such file: " + file);
        } catch (IOException e) {
            throw new OperationFailedException("Cannot read " + file + ": " + e.getMessage());
        }
    }
}
