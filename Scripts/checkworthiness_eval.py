"""Scripts/eval-checkworthiness: the shipped ranking measured as the CheckThat! lab measures it
(per-document average precision, MAP, R-precision, P@k, F1 of the check-worthy class at the
calibrated cut), leave-one-debate-out on the 2019 set, beside the baselines."""

import sys

import numpy as np

K = (1, 3, 5, 10, 20, 50)


# MARK: The measures (tested by Tests/Python/test_checkworthiness_eval.py)


def ranked_labels(scores, labels, ids=None):
    """The labels in ranking order: highest score first, ties in document order (by id)."""
    ids = list(range(len(scores))) if ids is None else list(ids)
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], ids[i]))
    return [labels[i] for i in order]


def average_precision(ranked):
    hits, total = 0, 0.0
    for rank, label in enumerate(ranked, 1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def r_precision(ranked):
    r = sum(ranked)
    return sum(ranked[:r]) / r if r else 0.0


def precision_at(ranked, k):
    """Relevant among the first k, over k (a document shorter than k counts its missing ranks as misses)."""
    return sum(ranked[:k]) / k


def f1(labels, predicted):
    tp = sum(1 for l, p in zip(labels, predicted) if l and p)
    fp = sum(1 for l, p in zip(labels, predicted) if not l and p)
    fn = sum(1 for l, p in zip(labels, predicted) if l and not p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def by_document(docs, ids, labels, scores):
    """MAP, mean R-precision and mean P@k over the documents, each ranked on its own."""
    groups = {}
    for i, doc in enumerate(docs):
        groups.setdefault(doc, []).append(i)
    per = []
    for doc in sorted(groups):
        rows = groups[doc]
        ranked = ranked_labels([scores[i] for i in rows], [labels[i] for i in rows], [ids[i] for i in rows])
        per.append((doc, average_precision(ranked), r_precision(ranked), [precision_at(ranked, k) for k in K]))
    return {
        "map": float(np.mean([p[1] for p in per])),
        "r_precision": float(np.mean([p[2] for p in per])),
        "p_at": {k: float(np.mean([p[3][j] for p in per])) for j, k in enumerate(K)},
        "documents": {p[0]: p[1] for p in per},
    }


# MARK: The evaluation


def length_scores(texts):
    return [len(t.split()) for t in texts]


def random_map(docs, ids, labels, seeds=20):
    maps = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        maps.append(by_document(docs, ids, labels, rng.random(len(labels)))["map"])
    return {"map": float(np.mean(maps))}


def svm_scores(train_texts, train_labels, test_texts):
    """The organisers' baseline: an SVM over TF-IDF word 1-3 grams."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    vectorizer = TfidfVectorizer(ngram_range=(1, 3), lowercase=True)
    X = vectorizer.fit_transform(train_texts)
    svm = LinearSVC(C=1.0, dual=True, max_iter=5000, random_state=0)
    svm.fit(X, train_labels)
    return svm.decision_function(vectorizer.transform(test_texts))


def leave_one_debate_out(cw, cb, ct, progress=True):
    """Each 2019 debate ranked by a model trained without it (ClaimBuster train always in)."""
    from scipy.sparse import vstack

    ours = np.zeros(len(ct.labels))
    svm_2019 = np.zeros(len(ct.labels))
    svm_all = np.zeros(len(ct.labels))
    docs = np.array(ct.docs)
    for n, doc in enumerate(sorted(set(ct.docs)), 1):
        held = docs == doc
        keep = ~held
        X = vstack([cb.X, ct.X[keep]]).tocsr()
        y = np.concatenate([cb.y, ct.y[keep]])
        w = np.concatenate([np.ones(len(cb.y)), np.full(int(keep.sum()), cw.CHECKTHAT_WEIGHT)])
        coef, intercept = cw.fit(X, y, w)
        q, q_intercept = cw.quantize(coef, intercept)
        ours[held] = ct.X[held] @ (q / cw.SCALE) + q_intercept / cw.SCALE
        kept_texts = [t for t, k in zip(ct.texts, keep) if k]
        held_texts = [t for t, h in zip(ct.texts, held) if h]
        svm_2019[held] = svm_scores(kept_texts, ct.y[keep], held_texts)
        svm_all[held] = svm_scores(cb.texts + kept_texts, np.concatenate([cb.y, ct.y[keep]]), held_texts)
        if progress:
            print(f"  fold {n}: {doc} done", file=sys.stderr, flush=True)
    return ours, svm_2019, svm_all


def report(binary):
    import checkworthiness as cw

    cb = cw.Split("claimbuster-train").features(binary)
    ct = cw.Split("checkthat2019-train").features(binary)
    dev = cw.Split("claimbuster-dev").features(binary)
    out = []

    def row(name, m):
        p = m.get("p_at")
        cells = [f"{m['map']:.3f}", f"{m['r_precision']:.3f}" if "r_precision" in m else ""]
        cells += [f"{p[k]:.3f}" if p else "" for k in K]
        out.append(f"| {name} | " + " | ".join(cells) + " |")

    header = "| ranking | MAP | R-prec | " + " | ".join(f"P@{k}" for k in K) + " |"
    rule = "|---|" + "---|" * (2 + len(K))

    print("== CheckThat! 2019 training debates, leave one debate out (19 folds) ==", file=sys.stderr)
    ours, svm_2019, svm_all = leave_one_debate_out(cw, cb, ct)
    out += ["CheckThat! 2019 Task 1, leave one debate out (each debate ranked by a model trained without it):", "",
            header, rule]
    row("this model (ClaimBuster train + the other 2019 debates)", by_document(ct.docs, ct.ids, ct.labels, ours))
    row("TF-IDF word 1-3 gram SVM, the other 2019 debates (organisers' baseline)",
        by_document(ct.docs, ct.ids, ct.labels, svm_2019))
    row("TF-IDF word 1-3 gram SVM, ClaimBuster train + the other 2019 debates",
        by_document(ct.docs, ct.ids, ct.labels, svm_all))
    row("length (words)", by_document(ct.docs, ct.ids, ct.labels, length_scores(ct.texts)))
    row("random (20 seeds, mean)", random_map(ct.docs, ct.ids, ct.labels))

    shipped_dev = cw.shipped_scores(binary, dev)
    predicted = shipped_dev >= 0.5
    tp = int(sum(predicted & (dev.y == 1)))
    out += ["", f"ClaimBuster dev ({len(dev.y)} sentences, {int(dev.y.sum())} check-worthy), the shipped model "
            "(scores from the Swift side):", "",
            f"- F1 of the check-worthy class at 0.5: {f1(dev.y, predicted):.3f} "
            f"(precision {tp / max(1, int(predicted.sum())):.3f}, recall {tp / int(dev.y.sum()):.3f})"]
    svm_dev = svm_scores(cb.texts, cb.y, dev.texts)
    out.append(f"- the SVM baseline trained on ClaimBuster train, at its own cut 0: F1 {f1(dev.y, svm_dev >= 0):.3f}")
    out += ["", header, rule]
    row("this model (shipped), ranked per debate", by_document(dev.docs, dev.ids, dev.labels, shipped_dev))
    row("SVM baseline, ranked per debate", by_document(dev.docs, dev.ids, dev.labels, svm_dev))
    shipped_ct = cw.shipped_scores(binary, ct)
    out += ["", f"The shipped model on the 2019 training debates it was trained on (in-sample, not a measure): "
            f"MAP {by_document(ct.docs, ct.ids, ct.labels, shipped_ct)['map']:.3f}"]
    print("\n".join(out))


if __name__ == "__main__":
    import argparse
    import os

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description="Measure the shipped check-worthiness ranking.")
    parser.add_argument("--bin", required=True, help="the factcheck binary whose model to measure")
    report(parser.parse_args().bin)
