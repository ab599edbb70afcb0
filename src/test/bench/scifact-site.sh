#!/usr/bin/env bash
# Search relevance as readers get it, through the site: BEIR SciFact's 5,183 abstracts become Markdown files
# with front matter, the real WAR imports and indexes them, and every claim of a split is asked through
# GET /api/search?q=…&limit=10 over HTTP. Prints nDCG@10 (trec_eval's ndcg_cut.10: gain = grade, log2 discount,
# ideal from the qrels, a query without hits scores 0), recall@10 and the time per query.
#
#   mvn -DskipTests verify && src/test/bench/scifact-site.sh
#
# Settings through the environment:
#   SCIFACT (../shared/corpus/scifact, else $DOSSIER_BENCH_CORPUS/scifact): the BEIR folder (corpus.jsonl,
#     queries.jsonl, qrels/). CC BY-NC: read from there, never copied into the repository.
#   SPLIT (test): test, train or both. Choose parameters on train; report test.
#   DATA (a new temporary folder): the server's data folder. Give the same folder again to skip the import of
#     an earlier run (the index is rebuilt at start when its layout changed); the content folder is kept in it.
#   DOSSIER_SEARCH_SEMANTIC (true): false measures the lexical ranking alone. With it on, the script waits until
#     every passage has its vector (kept in DATA/data/vectors: a second run with the same DATA embeds nothing).
#   DOSSIER_SEARCH_FUSION_K, DOSSIER_SEARCH_FUSION_SEMANTIC_WEIGHT, DOSSIER_SEARCH_SEMANTIC_MIN_SIMILARITY: the
#     fusion's settings, to sweep on train.
#   WARMUP (5000): how many searches of the claims not measured (in turn) are asked first, unmeasured, to warm the
#     server's JIT up (with SPLIT=both, none are left: the first claims measured warm it).
#   RANKING (none): a file to write each claim's ranking to (split, claim id, the slugs in order), to compare
#     two runs: two nodes, two settings.
#   RELATED (no): yes also measures the "Related analysis" lists against the abstracts cited for the same claim.
#   CLIENTS (0): with 8, say, also measures throughput: that many clients ask claims for DURATION (30s) with wrk.
#   JAVA_OPTS (the server's JVM options; the default is the one in pom.xml and the Dockerfile), WAR
#     (target/ROOT.war), KEEP_RUNNING (no: stop the server at the end; yes prints its address and waits).
#
# Anonymous searches are not throttled (only logins, registrations and mails are), and no setting is changed
# for this run. Repeated runs against the same server would be answered from the page cache: each claim is
# asked once per run, so the times are those of uncached searches.
set -euo pipefail
cd "$(dirname "$0")/../../.."

SPLIT=${SPLIT:-test}
WAR=${WAR:-target/ROOT.war}
KEEP_RUNNING=${KEEP_RUNNING:-no}
JAVA_OPTS=${JAVA_OPTS:-"-Xms32m -Xmx256m -XX:+UseSerialGC -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"}
if [ -z "${SCIFACT:-}" ]; then
  if [ -d ../shared/corpus/scifact ]; then SCIFACT=../shared/corpus/scifact
  elif [ -n "${DOSSIER_BENCH_CORPUS:-}" ]; then SCIFACT=$DOSSIER_BENCH_CORPUS/scifact
  else SCIFACT=/work/shared/corpus/scifact; fi
fi
case "$SPLIT" in test|train|both) ;; *) echo "SPLIT is test, train or both" >&2; exit 2 ;; esac
for f in corpus.jsonl queries.jsonl qrels/test.tsv qrels/train.tsv; do
  [ -f "$SCIFACT/$f" ] || { echo "no $SCIFACT/$f: set SCIFACT to the BEIR SciFact folder" >&2; exit 1; }
done
[ -f "$WAR" ] && [ -f target/payara-micro.jar ] || { echo "build first: mvn -DskipTests verify (makes target/ROOT.war and target/payara-micro.jar)" >&2; exit 1; }

if [ -n "${DATA:-}" ]; then
  mkdir -p "$DATA"; work=$(cd "$DATA" && pwd)
else
  work=$(mktemp -d /tmp/dossier-scifact.XXXXXX)
fi
content=$work/content
source src/test/bench/start-dossier.sh
port=$(free_port)
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

# One file per abstract: its id is the slug (so a hit maps back to the judged document), its title the title,
# and the abstract, as BEIR gives it, the Markdown body. JSON strings are valid YAML double-quoted scalars.
if [ ! -f "$content/.complete" ]; then
  mkdir -p "$content"
  python3 - "$SCIFACT/corpus.jsonl" "$content" <<'PY'
import json, os, sys
corpus, folder = sys.argv[1], sys.argv[2]
n = 0
with open(corpus, encoding="utf-8") as lines:
    for line in lines:
        doc = json.loads(line)
        front = "---\ntitle: %s\nslug: %s\npublished: 2020-01-01\n---\n\n" % (
            json.dumps(doc["title"].strip(), ensure_ascii=False), json.dumps(doc["_id"]))
        with open(os.path.join(folder, doc["_id"] + ".md"), "w", encoding="utf-8") as out:
            out.write(front + doc["text"] + "\n")
        n += 1
print("%d abstracts written as Markdown to %s" % (n, folder))
PY
  touch "$content/.complete"
fi
expected=$(find "$content" -name '*.md' | wc -l)

# Payara Micro takes the context root from the file name: the site must be deployed as ROOT.war.
if [ "$(basename "$WAR")" != ROOT.war ]; then
  mkdir -p "$work/war" && cp "$WAR" "$work/war/ROOT.war" && WAR=$work/war/ROOT.war
fi
echo "Starting Dossier on :$port with content from $content (data in $work/data) ..."
started=$(date +%s.%N)
# The import of every file and the index rebuild happen before the site reports ready: give them time.
START_TIMEOUT=${START_TIMEOUT:-3600} start_dossier "$WAR" "$port" "$content" "$work/data" "$work/dossier.log"
ready=$(date +%s.%N)

# Indexed means: every article is in this node's index and the index has read the whole change log.
metric() { curl -sf "http://127.0.0.1:$port/metrics" | awk -v m="$1" '$1 ~ "^"m"(\\{|$)" {print $2; exit}'; }
for i in $(seq 1 3600); do
  docs=$(metric dossier_index_documents || true)
  lag=$(metric dossier_index_lag_lines || true)
  if [ "${docs%.*}" = "$expected" ] && [ "${lag%.*}" = "0" ]; then break; fi
  if [ "$i" = 3600 ]; then echo "not indexed after an hour: $docs of $expected documents, lag $lag; see $work/dossier.log" >&2; exit 1; fi
  sleep 0.5
done
indexed=$(date +%s.%N)
python3 -c "import sys; s,r,i=map(float,sys.argv[1:4]); print('%d articles: ready after %.1f s, imported and indexed after %.1f s' % (int(sys.argv[4]), r-s, i-s))" \
  "$started" "$ready" "$indexed" "$expected"

# With semantic search on (the default), wait until every passage has its vector: until then the ranking is
# partly lexical only. Prints how long the embedding took.
if [ -n "$(metric dossier_index_passages_pending || true)" ]; then
  for i in $(seq 1 14400); do
    pending=$(metric dossier_index_passages_pending || true)
    if [ "${pending%.*}" = "0" ]; then break; fi
    if [ $((i % 120)) = 0 ]; then echo "  embedding: $pending of $(metric dossier_index_passages) passages to do"; fi
    sleep 0.5
  done
  embedded=$(date +%s.%N)
  python3 -c "import sys; i,e=map(float,sys.argv[1:3]); n=int(float(sys.argv[3])); print('%d passages with their vectors %.1f s after indexing (%.1f passages/s if none was known)' % (n, e-i, n/max(e-i,1e-9)))" \
    "$indexed" "$embedded" "$(metric dossier_index_passages)"
else
  echo "semantic search off: lexical ranking only"
fi

# A burst of writes (the import, the vectors) leaves the index in several segments, merged into one once the
# writes have stopped for a while: a server that has been up longer than the import searches the merged index.
merge_started=$(date +%s.%N)
for i in $(seq 1 600); do
  segments=$(metric dossier_index_segments || true)
  if [ "${segments%.*}" = "1" ]; then break; fi
  sleep 0.5
done
python3 -c "import sys; s,e=map(float,sys.argv[1:3]); print('index in %s segment(s) %.1f s later' % (sys.argv[3], e-s))" \
  "$merge_started" "$(date +%s.%N)" "${segments%.*}"

RELATED=${RELATED:-no} RANKING=${RANKING:-} WARMUP=${WARMUP:-5000} python3 - "$SCIFACT" "$port" "$SPLIT" <<'PY'
import json, math, os, re, statistics, sys, time, urllib.parse, urllib.request
folder, port, split = sys.argv[1], sys.argv[2], sys.argv[3]
K = 10
queries = {}
with open(folder + "/queries.jsonl", encoding="utf-8") as lines:
    for line in lines:
        q = json.loads(line)
        queries[q["_id"]] = q["text"]

def qrels(name):
    judged = {}
    with open("%s/qrels/%s.tsv" % (folder, name), encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            if line.strip():
                qid, doc, grade = line.rstrip("\n").split("\t")
                judged.setdefault(qid, {})[doc] = int(grade)
    return judged

def ndcg(ranked, grades):
    dcg = sum(grades.get(doc, 0) / math.log2(rank + 2) for rank, doc in enumerate(ranked[:K]))
    ideal = sorted(grades.values(), reverse=True)[:K]
    idcg = sum(g / math.log2(rank + 2) for rank, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0

opener = urllib.request.build_opener()
splits = ["train", "test"] if split == "both" else [split]

def ask(text):
    url = "http://127.0.0.1:%s/api/search?%s" % (port, urllib.parse.urlencode({"q": text, "limit": K}))
    with opener.open(urllib.request.Request(url, headers={"Accept": "application/json"}), timeout=30) as r:
        return json.load(r)

# A server that has just started runs its code interpreted or half-compiled until the JIT compiler has seen it
# often enough: after 800 searches a claim took 8-9 ms (p50), after 15,000 5.6 ms. Readers meet a server that
# has been up for hours, so the claims of the other split (not measured: their times and ranks are not counted)
# are asked first, in turn, WARMUP times.
measured = set(q for name in splits for q in qrels(name))
others = [q for q in queries if q not in measured]
warmup = int(os.environ["WARMUP"]) if others else 0
for i in range(warmup):
    ask(queries[others[i % len(others)]])
if warmup:
    print("(%d searches of other claims first, to warm the server up)" % warmup)

ranking = open(os.environ["RANKING"], "w") if os.environ.get("RANKING") else None
for name in splits:
    judged = qrels(name)
    total_ndcg = total_recall = 0.0
    relaxed = 0
    times = []
    for qid, grades in judged.items():
        start = time.perf_counter()
        answer = ask(queries[qid])
        times.append(time.perf_counter() - start)
        ranked = [hit["slug"] for hit in answer["hits"]]
        if ranking:
            ranking.write("%s\t%s\t%s\n" % (name, qid, " ".join(ranked)))
        relaxed += 1 if answer.get("relaxed") else 0
        total_ndcg += ndcg(ranked, grades)
        relevant = [d for d, g in grades.items() if g > 0]
        total_recall += sum(1 for d in relevant if d in ranked[:K]) / len(relevant) if relevant else 0
    n = len(judged)
    ms = sorted(t * 1000 for t in times)
    print("%-5s nDCG@10 %.4f  R@10 %.4f  (%d queries, %d relaxed to any word; per query: mean %.1f ms, p50 %.1f ms, p99 %.1f ms)"
          % (name, total_ndcg / n, total_recall / n, n, relaxed, statistics.mean(ms), ms[len(ms) // 2],
             ms[min(len(ms) - 1, math.ceil(len(ms) * 0.99) - 1)]))

# Related analysis (RELATED=yes): SciFact has no judgments of which abstracts are related, so the abstracts cited
# as evidence for the same claim stand in for them. For every abstract cited with another, its article page is
# fetched and its "Related analysis" list (3 articles) read: how often it lists one of the abstracts cited with it,
# and how many of those it lists of all it could (at most 3).
for name in (["train", "test"] if os.environ.get("RELATED") == "yes" else []):
    partners = {}
    for grades in qrels(name).values():
        cited = {d for d, g in grades.items() if g > 0}
        for d in cited:
            partners.setdefault(d, set()).update(cited - {d})
    docs = sorted(d for d, p in partners.items() if p)
    listed_one = found = possible = 0
    for d in docs:
        with opener.open("http://127.0.0.1:%s/articles/%s" % (port, d), timeout=30) as r:
            page = r.read().decode("utf-8")
        aside = re.search(r'<aside class="related" aria-labelledby="related-title">(.*?)</aside>', page, re.S)
        related = re.findall(r'href="/articles/([^"]+)"', aside.group(1)) if aside else []
        hits = len(set(related) & partners[d])
        listed_one += 1 if hits else 0
        found += hits
        possible += min(3, len(partners[d]))
    print("related %-5s %d abstracts cited with others: one of them listed for %.3f, %.3f of those that could be (3 listed)"
          % (name, len(docs), listed_one / len(docs), found / possible))
PY

echo "Index folder $(du -sh "$work/data/index" | cut -f1), vector store $(du -sh "$work/data/vectors" 2>/dev/null | cut -f1 || echo none);" \
  "resident memory of the server after the run: $(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$app_pid/status) MB"

# Throughput: CLIENTS connections (wrk, two threads) for DURATION ask every claim of both splits in turn, each
# client from a place of its own in the list, through /api/search?limit=10 (never kept by the page cache).
if [ "${CLIENTS:-0}" -gt 0 ]; then
  command -v wrk >/dev/null || { echo "CLIENTS needs wrk (apt-get install wrk)" >&2; exit 1; }
  python3 - "$SCIFACT" "$work/claims.txt" <<'PY'
import json, sys, urllib.parse
with open(sys.argv[1] + "/queries.jsonl", encoding="utf-8") as lines, open(sys.argv[2], "w") as out:
    for line in lines:
        out.write("/api/search?" + urllib.parse.urlencode({"q": json.loads(line)["text"], "limit": 10}) + "\n")
PY
  cat > "$work/claims.lua" <<LUA
local paths = {}
for line in io.lines("$work/claims.txt") do paths[#paths + 1] = line end
local counter = 0
setup = function(thread) counter = counter + 1; thread:set("start", counter * 137) end
init = function() i = tonumber(start) or 0 end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Accept"] = "application/json"})
end
LUA
  echo "Throughput, $CLIENTS clients for ${DURATION:-30s} over $(wc -l < "$work/claims.txt") claims:"
  wrk -t2 -c"$CLIENTS" -d"${DURATION:-30s}" --latency -s "$work/claims.lua" "http://127.0.0.1:$port" \
    | grep -E "Requests/sec|Non-2xx|50%|99%|requests in"
  echo "resident memory after the throughput run: $(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$app_pid/status) MB"
fi

if [ "$KEEP_RUNNING" = yes ]; then
  echo "Dossier stays up at http://127.0.0.1:$port (pid $app_pid, log $work/dossier.log); Ctrl-C stops it."
  wait "$app_pid"
fi
