package dev.tandem.bench;

import dev.tandem.ot.Rope;
import dev.tandem.ot.TextOperation;
import dev.tandem.support.traces.EditingTrace.Patch;
import dev.tandem.support.traces.EditingTrace;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Replays a recorded editing trace through the OT core, one JMH invocation per whole replay.
 *
 * <p>Run: {@code mvn test-compile exec:exec -Dtrace=FILE.json.gz} (several files: separate them with
 * commas). Prints the median of every measured iteration over all forks, then one summary line per
 * trace. See docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = "-Xmx4g")
public class TraceBenchmark {

    @Param("")
    public String trace;

    private List<Patch> patches;
    private Rope start;
    /** The text after the first 90% of the patches: where the last tenth starts. */
    private Rope atNinetyPercent;
    private int tenth;
    /** Each patch as an operation on the text it was typed into. */
    private TextOperation[] operations;
    /** For each operation, a concurrent one-character insert on the same text. */
    private TextOperation[] concurrent;

    @Setup(Level.Trial)
    public void load() {
        EditingTrace loaded = EditingTrace.load(Paths.get(trace));
        patches = loaded.patches();
        start = Rope.of(loaded.startContent());
        tenth = patches.size() / 10;
        operations = new TextOperation[patches.size()];
        concurrent = new TextOperation[patches.size()];
        Random random = new Random(42);
        Rope document = start;
        for (int i = 0; i < patches.size(); i++) {
            if (i == patches.size() - tenth) {
                atNinetyPercent = document;
            }
            int length = document.length();
            operations[i] = patches.get(i).toOperation(length);
            int at = random.nextInt(length + 1);
            concurrent[i] = TextOperation.builder().retain(at).insert("x").retain(length - at).build();
            document = operations[i].apply(document);
        }
    }

    @Benchmark
    public Rope apply() {
        return replay(start, 0, patches.size());
    }

    @Benchmark
    public Rope applyFirstTenth() {
        return replay(start, 0, tenth);
    }

    @Benchmark
    public Rope applyLastTenth() {
        return replay(atNinetyPercent, patches.size() - tenth, patches.size());
    }

    @Benchmark
    public void transform(Blackhole sink) {
        for (int i = 0; i < operations.length; i++) {
            sink.consume(TextOperation.transform(operations[i], concurrent[i]));
        }
    }

    @Benchmark
    public TextOperation compose() {
        TextOperation composed = TextOperation.identity(start.length());
        for (TextOperation operation : operations) {
            composed = composed.compose(operation);
        }
        return composed;
    }

    private Rope replay(Rope document, int from, int to) {
        for (int i = from; i < to; i++) {
            document = patches.get(i).toOperation(document.length()).apply(document);
        }
        return document;
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            Arrays.stream(arg.split(",")).filter(s -> !s.isBlank()).map(Paths::get).forEach(files::add);
        }
        if (files.isEmpty()) {
            System.err.println("usage: TraceBenchmark TRACE.json.gz[,TRACE.json.gz...]");
            System.exit(2);
        }
        List<String> summaries = new ArrayList<>();
        for (Path file : files) {
            summaries.add(run(file));
        }
        System.out.println();
        summaries.forEach(System.out::println);
    }

    private static String run(Path file) throws Exception {
        EditingTrace loaded = EditingTrace.load(file);
        int edits = loaded.patches().size();
        boolean ok = loaded.endContent().equals(replayOnce(loaded).toString());

        Options options = new OptionsBuilder()
                .include(TraceBenchmark.class.getName() + ".")
                .param("trace", file.toAbsolutePath().toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> millis = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            millis.put(name.substring(name.lastIndexOf('.') + 1), median(result));
        }
        int tenth = edits / 10;
        System.out.printf(Locale.ROOT,
                "trace=%s median_ms_per_replay=%s apply_first10pct_ops_per_s=%.0f apply_last10pct_ops_per_s=%.0f%n",
                loaded.name(), millis, perSecond(tenth, millis.get("applyFirstTenth")),
                perSecond(tenth, millis.get("applyLastTenth")));
        return String.format(Locale.ROOT,
                "trace=%s edits=%d apply_ops_per_s=%.0f transform_ops_per_s=%.0f compose_ops_per_s=%.0f ok=%s",
                loaded.name(), edits, perSecond(edits, millis.get("apply")),
                perSecond(edits, millis.get("transform")), perSecond(edits, millis.get("compose")), ok);
    }

    private static Rope replayOnce(EditingTrace trace) {
        Rope document = Rope.of(trace.startContent());
        for (Patch patch : trace.patches()) {
            document = patch.toOperation(document.length()).apply(document);
        }
        return document;
    }

    /** Median over every measured iteration of every fork. */
    static double median(RunResult result) {
        double[] scores = result.getBenchmarkResults().stream()
                .flatMap(benchmark -> benchmark.getIterationResults().stream())
                .mapToDouble(iteration -> iteration.getPrimaryResult().getScore())
                .sorted()
                .toArray();
        int middle = scores.length / 2;
        return scores.length % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2;
    }

    private static double perSecond(int edits, double millis) {
        return edits / (millis / 1000);
    }
}
