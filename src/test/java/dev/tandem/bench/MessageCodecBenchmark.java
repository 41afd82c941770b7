package dev.tandem.bench;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.OperationAdapter;
import dev.tandem.protocol.ProtocolException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Reading a client's edit message, the server's work for every keystroke it receives: the codec
 * against JSON-B choosing the message's kind itself from its {@code type}.
 *
 * <p>Run: {@code mvn test-compile exec:exec@codec}. Prints the median of every measured
 * iteration over all forks. See docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class MessageCodecBenchmark {
    /** A keystroke as a browser sends it. */
    static final String EDIT = "{\"type\":\"edit\",\"revision\":140,\"seq\":15,\"op\":[112,\"n\",28]}";

    private final MessageCodec codec = new MessageCodec();
    /** Configured as the codec's own. */
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withSerializers(new OperationAdapter.Writer())
            .withDeserializers(new OperationAdapter.Reader()));

    @Benchmark
    public ClientMessage codec() throws ProtocolException {
        return codec.decode(EDIT);
    }

    @Benchmark
    public ClientMessage jsonbChoosesTheKind() {
        return jsonb.fromJson(EDIT, ClientMessage.class);
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(MessageCodecBenchmark.class.getName() + ".").build()).run();
        Map<String, Double> nanos = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            nanos.put(name.substring(name.lastIndexOf('.') + 1), TraceBenchmark.median(result));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "message=edit codec_ns=%.0f jsonb_chooses_the_kind_ns=%.0f%n",
                nanos.get("codec"), nanos.get("jsonbChoosesTheKind"));
    }
}
