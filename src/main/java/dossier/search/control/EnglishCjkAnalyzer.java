package dossier.search.control;

import java.io.Reader;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * English analysis that also makes Chinese, Japanese and Korean searchable. The standard tokenizer emits every
 * Han character as a token of its own, so "主权" would match any text containing 主 and 权 anywhere; like Lucene's
 * CJKAnalyzer, runs of CJK characters are joined into overlapping bigrams instead, and full-width Latin and
 * half-width Katakana are folded first. Latin text gets EnglishAnalyzer's chain, but with the Snowball English
 * (Porter2) stemmer: the original Porter stemmer makes "deploying" {@code deploi} and "deployment" {@code deploy},
 * so neither would find the other.
 *
 * <p>The {@linkplain #stemmed() stemmed} form (stop words removed, stems) is for ranking; the
 * {@linkplain #exact() exact} form keeps every word as written, lower-cased, for prefixes, title completion and
 * spelling suggestions, where "deployment" must stay "deployment".
 */
final class EnglishCjkAnalyzer extends Analyzer {

    /** Keeps phrases from matching across two headings or two tags. */
    private static final int GAP_BETWEEN_VALUES = 100;

    private final boolean stemmed;

    private EnglishCjkAnalyzer(boolean stemmed) {
        this.stemmed = stemmed;
    }

    static EnglishCjkAnalyzer stemmed() {
        return new EnglishCjkAnalyzer(true);
    }

    static EnglishCjkAnalyzer exact() {
        return new EnglishCjkAnalyzer(false);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new CJKWidthCharFilter(reader);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return new CJKWidthCharFilter(reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new CJKBigramFilter(result);
        if (stemmed) {
            result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            result = new SnowballFilter(result, new EnglishStemmer());
        }
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
        return GAP_BETWEEN_VALUES;
    }
}
