package dossier.site.control;

import java.util.List;

/**
 * One part of the administrators' overview at {@code /admin}: each feature says how it stands and where it is
 * managed, so the overview knows no feature (site depends on none).
 */
public interface AdminPanel {

    /**
     * What the overview shows of a part: its heading, the page that manages it, a few short facts, and what needs an
     * administrator's attention now (empty: nothing).
     */
    record State(String title, String path, List<String> facts, String attention) {
    }

    /** Where the part stands in the overview (smaller first). */
    int order();

    /** Read now; may fail, and then the overview says so for this part alone. */
    State state();
}
