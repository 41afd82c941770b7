package dev.tandem.support.traces;

import dev.tandem.ot.TextOperation;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A recorded keystroke-by-keystroke editing session (the editing-traces format): the text it starts
 * from, the text it ends with, and every patch in between, positions in code points.
 */
public record EditingTrace(String name, String startContent, String endContent, List<Patch> patches) {

    /** Folder holding the traces: system property {@code tandem.traces}, else ../shared/traces. */
    public static Path folder() {
        return Paths.get(System.getProperty("tandem.traces", "../shared/traces"));
    }

    /** Every sequential trace, by name. */
    public static List<Path> sequential() {
        try (Stream<Path> files = Files.list(folder().resolve("sequential_traces"))) {
            return files.filter(f -> f.toString().endsWith(".json.gz")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no editing traces under " + folder().toAbsolutePath(), e);
        }
    }

    /** Kept for the whole run: traces are read by several tests and benchmarks. */
    private static final Jsonb JSONB = JsonbBuilder.create();

    public static EditingTrace load(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.json(\\.gz)?$", "");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            TraceFile trace = JSONB.fromJson(in, TraceFile.class);
            List<Patch> patches = new ArrayList<>();
            for (Transaction transaction : trace.txns()) {
                for (List<Object> patch : transaction.patches()) {
                    patches.add(new Patch(((BigDecimal) patch.get(0)).intValueExact(),
                            ((BigDecimal) patch.get(1)).intValueExact(), (String) patch.get(2)));
                }
            }
            return new EditingTrace(name, trace.startContent(), trace.endContent(), List.copyOf(patches));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read trace " + file, e);
        }
    }

    /** One edit: at {@code position}, remove {@code deleted} code points, then insert {@code inserted}. */
    public record Patch(int position, int deleted, String inserted) {

        /** This patch as an operation on a text of {@code length} code points. */
        public TextOperation toOperation(int length) {
            return TextOperation.builder()
                    .retain(position).delete(deleted).insert(inserted)
                    .retain(length - position - deleted)
                    .build();
        }
    }

    /** The file's JSON shape. */
    public record TraceFile(String startContent, String endContent, List<Transaction> txns) {
    }

    public record Transaction(List<List<Object>> patches) {
    }
}
