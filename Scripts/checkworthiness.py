"""The check-worthiness model's training and scoring, shared by Scripts/train-checkworthiness
and Scripts/eval-checkworthiness. Python only fits and measures: every feature vector comes
from the Swift side (`factcheck article features`), the one implementation of the features.
Nothing here draws a random number except the random baseline, from fixed seeds."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("FACTCHECK_CHECKWORTHINESS_DATA", ROOT.parent / "shared" / "data" / "checkworthiness"))
WEIGHTS = ROOT / "Models" / "checkworthiness.weights"
GENERATED = ROOT / "Sources" / "FactCheckCore" / "CheckWorthinessWeights.swift"
FIXTURE = ROOT / "Tests" / "FactCheckCoreTests" / "Fixtures" / "checkworthiness-scores.tsv"

# `SentenceFeatures.dimension`: 2^18 hashed buckets, then the 17 cues.
BUCKETS = 1 << 18
DIMENSION = BUCKETS + 17
# Fixed settings: liblinear's primal trust-region Newton method has no random step.
C = float(os.environ.get("CW_C", "0.5"))
CHECKTHAT_WEIGHT = float(os.environ.get("CW_CT_WEIGHT", "1.0"))
# Weights are stored as integer multiples of 1/SCALE; smaller ones are dropped.
SCALE = 10000
PRUNE = int(os.environ.get("CW_PRUNE", "3"))


# MARK: Data and features


class Split:
    """One labelled TSV: its rows and, once read, the Swift side's vectors."""

    def __init__(self, name):
        self.name = name
        self.path = DATA / f"{name}.tsv"
        self.docs, self.ids, self.labels, self.texts = [], [], [], []
        with open(self.path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            assert header == ["doc_id", "id", "label", "speaker", "text"], header
            for line in f:
                doc, sid, label, _speaker, text = line.rstrip("\n").split("\t", 4)
                self.docs.append(doc)
                self.ids.append(int(sid))
                self.labels.append(int(label))
                self.texts.append(text)
        self.y = np.array(self.labels)
        self.X = None

    def features(self, binary):
        from scipy.sparse import csr_matrix

        out = run_binary(binary, ["article", "features"], self.path)
        rows, cols, vals = [], [], []
        for r, line in enumerate(out.splitlines()):
            parts = line.split(" ")
            assert int(parts[0]) == self.labels[r], f"{self.name}: line {r + 2} came back with another label"
            for pair in parts[1:]:
                i, v = pair.split(":")
                rows.append(r)
                cols.append(int(i))
                vals.append(float(v))
        assert r + 1 == len(self.labels) and max(cols) < DIMENSION, "the Swift side's features changed shape"
        self.X = csr_matrix((vals, (rows, cols)), shape=(len(self.labels), DIMENSION))
        return self


def run_binary(binary, arguments, stdin_path):
    with open(stdin_path, "rb") as f:
        done = subprocess.run([binary] + arguments, stdin=f, capture_output=True, check=False)
    if done.returncode != 0:
        sys.exit(f"error: {binary} {' '.join(arguments)} failed: {done.stderr.decode().strip()}")
    return done.stdout.decode()


def shipped_scores(binary, split):
    """The probabilities the shipped model (compiled into `binary`) gives each sentence of `split`."""
    out = run_binary(binary, ["article", "features", "--scores"], split.path)
    return np.array([float(line.split("\t")[3]) for line in out.splitlines()])


def stack(splits, weights=None):
    from scipy.sparse import vstack

    X = vstack([s.X for s in splits]).tocsr()
    y = np.concatenate([s.y for s in splits])
    w = None
    if weights is not None:
        w = np.concatenate([np.full(len(s.y), weight) for s, weight in zip(splits, weights)])
    return X, y, w


# MARK: Fitting


def fit(X, y, sample_weight=None):
    """The logistic regression, with fixed settings: (coefficients, intercept)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, solver="liblinear", max_iter=1000, tol=1e-4)
    model.fit(X, y, sample_weight=sample_weight)
    return model.coef_[0].astype(float), float(model.intercept_[0])


def quantize(coef, intercept):
    """Weights as integers (multiples of 1/SCALE), the small ones dropped: what ships."""
    q = np.rint(coef * SCALE).astype(np.int64)
    q[np.abs(q) < PRUNE] = 0
    return q, int(round(intercept * SCALE))


def logits(X, q, q_intercept):
    """The shipped model's log-odds: as the Swift side sums them (intercept first, then by index)."""
    X = X.tocsr()
    X.sort_indices()
    w = q / SCALE
    b = q_intercept / SCALE
    out = np.empty(X.shape[0])
    for r in range(X.shape[0]):
        z = b
        for i, v in zip(X.indices[X.indptr[r] : X.indptr[r + 1]], X.data[X.indptr[r] : X.indptr[r + 1]]):
            z += w[i] * v
        out[r] = z
    return out


def calibrate(z, y):
    """Platt scaling on a held-apart split: (slope, offset), rounded so both sides read the same numbers."""
    from sklearn.linear_model import LogisticRegression

    platt = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000, tol=1e-10)
    platt.fit(z.reshape(-1, 1), y)
    return round(float(platt.coef_[0][0]), 6), round(float(platt.intercept_[0]), 6)


def probabilities(z, slope, offset):
    return 1 / (1 + np.exp(-(slope * z + offset)))


# MARK: The files that ship


def encode(q):
    """Base64 of (index gap, zigzag weight) varint pairs over the non-zero weights."""
    out = bytearray()

    def varint(n):
        while True:
            byte = n & 0x7F
            n >>= 7
            if n:
                out.append(byte | 0x80)
            else:
                out.append(byte)
                return

    previous = -1
    for i in np.flatnonzero(q):
        varint(int(i) - previous)
        v = int(q[i])
        varint((v << 1) ^ (v >> 63) if v < 0 else v << 1)
        previous = int(i)
    return base64.b64encode(bytes(out)).decode("ascii")


def weights_text(q, q_intercept, slope, offset, trained_on):
    lines = [
        "# The check-worthiness model of factcheck, written by Scripts/train-checkworthiness: do not edit.",
        f"# Logistic regression (liblinear, L2, C={C}) over SentenceFeatures, trained on {trained_on};",
        "# calibrated (Platt) on claimbuster-dev. Weights are integer multiples of 1/scale; zero ones are left out.",
        f"scale\t{SCALE}",
        f"intercept\t{q_intercept}",
        f"calibration_slope\t{slope:.6f}",
        f"calibration_offset\t{offset:.6f}",
        f"count\t{int(np.count_nonzero(q))}",
    ]
    lines += [f"{i}\t{int(q[i])}" for i in np.flatnonzero(q)]
    return "\n".join(lines) + "\n"


def read_weights(text, dimension):
    meta, q = {}, np.zeros(dimension, dtype=np.int64)
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        key, value = line.split("\t")
        if key.isdigit():
            q[int(key)] = int(value)
        else:
            meta[key] = value
    return q, int(meta["intercept"]), float(meta["calibration_slope"]), float(meta["calibration_offset"])


def swift_source(q, q_intercept, slope, offset):
    encoded = encode(q)
    # One string literal, cut into lines of 100 characters joined by the compiler (a literal of
    # ~1 MB in one line is fine for Swift, but not for an editor or a diff).
    chunks = [encoded[i : i + 100] for i in range(0, len(encoded), 100)]
    return (
        "// GENERATED by Scripts/train-checkworthiness from Models/checkworthiness.weights: do not edit.\n"
        "// Scripts/train-checkworthiness --check fails when this file and a fresh training differ.\n"
        "enum GeneratedCheckWorthinessWeights {\n"
        f"    static let count = {int(np.count_nonzero(q))}\n"
        f"    static let scale = {SCALE}\n"
        f"    static let intercept = {q_intercept}\n"
        f"    static let calibrationSlope = {slope:.6f}\n"
        f"    static let calibrationOffset = {offset:.6f}\n"
        "    /// Base64 of (index gap, zigzag weight) varint pairs; line breaks are not part of it.\n"
        '    static let encoded = """\n'
        + "\n".join("        " + c + "\\" for c in chunks[:-1])
        + ("\n" if len(chunks) > 1 else "")
        + "        "
        + (chunks[-1] if chunks else "")
        + '\n        """\n'
        "}\n"
    )


# MARK: Training


FIXTURE_SENTENCES = [
    "Unemployment rose to 3.5 percent in March, the highest level since 2019.",
    "According to the UN humanitarian office, more than 120,000 people have crossed the border since the crossings closed.",
    "The ministers will meet again in Vienna in February.",
    "I think we should all be very proud of what we have done together.",
    "Article 5 of the treaty has been invoked only once, after the attacks of 11 September 2001.",
    "Thank you very much.",
    "\u201cWe have not given up a single kilometre of territory,\u201d Arvenian Foreign Minister Lena Hart told reporters.",
    "COVID-19 cases in the G7 fell by a third in the last quarter, officials said.",
]


def fixture_rows(binary, dev, q, q_intercept, slope, offset):
    """Sentences with the probabilities this side computes for them from the Swift side's vectors."""
    import tempfile

    texts = dev.texts[:40] + FIXTURE_SENTENCES
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
        f.write("doc_id\tid\tlabel\tspeaker\ttext\n")
        for i, text in enumerate(texts):
            f.write(f"fixture\t{i + 1}\t0\t-\t{text}\n")
    try:
        fixture = Split.__new__(Split)
        fixture.name, fixture.path = "fixture", Path(f.name)
        fixture.labels, fixture.texts = [0] * len(texts), texts
        fixture.y = np.zeros(len(texts), dtype=int)
        fixture.features(binary)
    finally:
        os.unlink(f.name)
    p = probabilities(logits(fixture.X, q, q_intercept), slope, offset)
    lines = ["probability\ttext"] + [f"{pi:.9f}\t{t}" for pi, t in zip(p, texts)]
    return "\n".join(lines) + "\n"


TRAINED_ON = "claimbuster-train (22,501 sentences) and checkthat2019-train (16,421)"


def train(binary, check):
    cb = Split("claimbuster-train").features(binary)
    ct = Split("checkthat2019-train").features(binary)
    dev = Split("claimbuster-dev").features(binary)
    X, y, w = stack([cb, ct], [1.0, CHECKTHAT_WEIGHT])
    coef, intercept = fit(X, y, w)
    q, q_intercept = quantize(coef, intercept)
    slope, offset = calibrate(logits(dev.X, q, q_intercept), dev.y)
    files = {
        WEIGHTS: weights_text(q, q_intercept, slope, offset, TRAINED_ON),
        GENERATED: swift_source(q, q_intercept, slope, offset),
        FIXTURE: fixture_rows(binary, dev, q, q_intercept, slope, offset),
    }
    if check:
        stale = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"error: {p.relative_to(ROOT)} differs from a fresh training; run Scripts/train-checkworthiness",
                  file=sys.stderr)
        if stale:
            sys.exit(1)
        print(f"the committed model is what the shared files train ({np.count_nonzero(q)} weights)")
        return
    for p, text in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    print(f"{np.count_nonzero(q)} weights of {len(q)}; calibration slope {slope}, offset {offset}")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Train the check-worthiness model from the shared files.")
    parser.add_argument("--check", action="store_true", help="fail if the committed files differ from a fresh training")
    parser.add_argument("--bin", required=True, help="the factcheck binary whose features to fit")
    arguments = parser.parse_args()
    train(arguments.bin, arguments.check)
