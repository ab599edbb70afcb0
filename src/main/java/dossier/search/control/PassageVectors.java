package dossier.search.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * The vectors already computed, by the hash of the passage text they were computed from, for one model. Kept
 * beside the search index, not in it: the search index is a derived view that is thrown away and rebuilt
 * (another layout, a restore, an administrator's rebuild), and embedding is the one costly part of building it,
 * about 50 ms of a core per passage. A rebuild finds the vectors of every unchanged passage here. Entries are
 * never removed; a hash that no article uses any more costs 1.6 KB on disk.
 *
 * <p>A small Lucene index of its own (hash as a term, vector as a stored blob), so that it shares the search
 * index's tooling and crash safety; written by one thread (the embedding worker), read by any.
 */
public final class PassageVectors implements AutoCloseable {

    private static final String HASH = "hash";
    private static final String VECTOR = "vector";
    private static final String MODEL_KEY = "model";

    private final IndexWriter writer;
    private final SearcherManager searchers;

    /** Opens the store of this model's vectors; a store written by another model is emptied first. */
    public PassageVectors(Directory directory, String model) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new KeywordAnalyzer());
        writer = new IndexWriter(directory, config);
        var commits = writer.getLiveCommitData();
        String written = null;
        if (commits != null) {
            for (Map.Entry<String, String> e : commits) {
                if (MODEL_KEY.equals(e.getKey())) {
                    written = e.getValue();
                }
            }
        }
        if (written != null && !written.equals(model)) {
            writer.deleteAll();
        }
        writer.setLiveCommitData(Map.of(MODEL_KEY, model).entrySet());
        writer.commit();
        searchers = new SearcherManager(writer, null);
    }

    /** The vector of this text's hash, or null when it was never computed. */
    public float[] get(String hash) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(HASH, hash)), 1);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            BytesRef bytes = searcher.storedFields().document(top.scoreDocs[0].doc).getBinaryValue(VECTOR);
            return decode(bytes);
        } finally {
            searchers.release(searcher);
        }
    }

    public void put(String hash, float[] vector) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(HASH, hash, Field.Store.NO));
        doc.add(new StoredField(VECTOR, encode(vector)));
        writer.updateDocument(new Term(HASH, hash), doc);
    }

    /** Makes what was put so far durable and visible to {@link #get}. */
    public void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    public long size() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    private static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static float[] decode(BytesRef bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            writer.close();
        }
    }
}
