package dossier.search.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * The vectors already computed, by the hash of the passage text they were computed from, for one model. Kept
 * beside the search index, not in it: the search index is a derived view that is thrown away and rebuilt
 * (another layout, a restore, an administrator's rebuild), and embedding is the one costly part of building it,
 * about 50 ms of a core per passage. A rebuild finds the vectors of every unchanged passage here. A vector that no
 * passage of the index uses any more (an edited section's old text, a deleted article) is kept for a while, for the
 * text that comes back (an article unpublished and published again), then removed by {@link #prune}: each costs
 * 1.6 KB on disk, and a site edited every day would otherwise grow its store for ever.
 *
 * <p>A small Lucene index of its own (hash as a term, vector as a stored blob), so that it shares the search
 * index's tooling and crash safety; written by the embedding worker and the daily {@link #prune}, read by any.
 */
public final class PassageVectors implements AutoCloseable {

    private static final String HASH = "hash";
    private static final String VECTOR = "vector";
    /** When the vector was last put (computed, or attached to a passage again), epoch milliseconds. */
    private static final String WRITTEN = "written";
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
        doc.add(new LongField(WRITTEN, System.currentTimeMillis(), Field.Store.NO));
        writer.updateDocument(new Term(HASH, hash), doc);
    }

    /**
     * Removes the vectors that no passage uses ({@code inUse}: the hashes of every passage of the index) and that
     * were last put before {@code before}, and commits. A vector put again meanwhile (its text came back) stays:
     * the deletion is by hash and age together. Entries of a store written before the age was kept count as old.
     * Returns how many were removed.
     */
    public int prune(Set<String> inUse, Instant before) throws IOException {
        List<Term> unused = new ArrayList<>();
        searchers.maybeRefreshBlocking();
        IndexSearcher searcher = searchers.acquire();
        try {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(HASH);
                if (terms == null) {
                    continue;
                }
                TermsEnum hashes = terms.iterator();
                for (BytesRef hash = hashes.next(); hash != null; hash = hashes.next()) {
                    if (!inUse.contains(hash.utf8ToString())) {
                        unused.add(new Term(HASH, BytesRef.deepCopyOf(hash)));
                    }
                }
            }
        } finally {
            searchers.release(searcher);
        }
        Query old = new BooleanQuery.Builder()
                .add(LongField.newRangeQuery(WRITTEN, Long.MIN_VALUE, before.toEpochMilli() - 1), BooleanClause.Occur.SHOULD)
                .add(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
                        .add(new FieldExistsQuery(WRITTEN), BooleanClause.Occur.MUST_NOT).build(), BooleanClause.Occur.SHOULD)
                .build();
        long count = size();
        for (int from = 0; from < unused.size(); from += 512) {
            List<Term> batch = unused.subList(from, Math.min(unused.size(), from + 512));
            writer.deleteDocuments(new BooleanQuery.Builder()
                    .add(new TermInSetQuery(HASH, batch.stream().map(Term::bytes).toList()), BooleanClause.Occur.FILTER)
                    .add(old, BooleanClause.Occur.FILTER).build());
        }
        commit();
        return (int) (count - size());
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
