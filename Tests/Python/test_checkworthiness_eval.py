"""The evaluator of Scripts/eval-checkworthiness on small hand-made rankings whose answers are
worked out by hand (not on the model's figures). Run: .venv-test/bin/python -m unittest discover Tests/Python"""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Scripts"))

import checkworthiness_eval as ev  # noqa: E402


class Measures(unittest.TestCase):
    def test_average_precision(self):
        # Relevant at ranks 1 and 3: (1/1 + 2/3) / 2.
        self.assertAlmostEqual(ev.average_precision([1, 0, 1, 0]), (1 + 2 / 3) / 2)
        # Relevant at ranks 2 and 4: (1/2 + 2/4) / 2.
        self.assertAlmostEqual(ev.average_precision([0, 1, 0, 1]), 0.5)
        self.assertEqual(ev.average_precision([1, 1, 0, 0]), 1.0)
        self.assertEqual(ev.average_precision([0, 0, 0]), 0.0, "no relevant sentence: 0")
        # One relevant, last of five.
        self.assertAlmostEqual(ev.average_precision([0, 0, 0, 0, 1]), 0.2)

    def test_r_precision(self):
        # Two relevant: precision at rank 2.
        self.assertEqual(ev.r_precision([1, 0, 1, 0]), 0.5)
        self.assertEqual(ev.r_precision([1, 1, 1, 0, 0]), 1.0)
        self.assertAlmostEqual(ev.r_precision([0, 1, 0, 1, 1]), 1 / 3)
        self.assertEqual(ev.r_precision([0, 0]), 0.0)

    def test_precision_at_k(self):
        ranked = [1, 0, 1, 1, 0, 0]
        self.assertEqual(ev.precision_at(ranked, 1), 1.0)
        self.assertAlmostEqual(ev.precision_at(ranked, 3), 2 / 3)
        self.assertEqual(ev.precision_at(ranked, 5), 0.6)
        self.assertEqual(ev.precision_at(ranked, 10), 0.3, "beyond the document, missing ranks are misses")

    def test_f1(self):
        # tp 2, fp 1, fn 1: 2·2 / (4 + 1 + 1).
        self.assertAlmostEqual(ev.f1([1, 1, 1, 0, 0], [1, 1, 0, 1, 0]), 4 / 6)
        self.assertEqual(ev.f1([1, 0], [0, 0]), 0.0)
        self.assertEqual(ev.f1([1, 0, 1], [1, 0, 1]), 1.0)

    def test_ranking_breaks_ties_by_document_order(self):
        # Scores tie between ids 2 and 1: id 1 comes first.
        self.assertEqual(ev.ranked_labels([0.5, 0.5, 0.9], [0, 1, 0], ids=[2, 1, 3]), [0, 1, 0])
        self.assertEqual(ev.ranked_labels([0.1, 0.9, 0.5], [1, 0, 0]), [0, 0, 1])

    def test_by_document(self):
        docs = ["a", "a", "a", "b", "b", "b", "b"]
        ids = [1, 2, 3, 1, 2, 3, 4]
        labels = [0, 1, 0, 1, 0, 0, 1]
        scores = [0.9, 0.8, 0.1, 0.2, 0.9, 0.1, 0.3]
        # a ranks 1,2,3 → labels 0,1,0: AP 1/2, R-prec 0, P@1 0, P@3 1/3.
        # b ranks 2,4,1,3 → labels 0,1,1,0: AP (1/2 + 2/3)/2 = 7/12, R-prec 1/2, P@1 0, P@3 2/3.
        m = ev.by_document(docs, ids, labels, scores)
        self.assertAlmostEqual(m["documents"]["a"], 0.5)
        self.assertAlmostEqual(m["documents"]["b"], 7 / 12)
        self.assertAlmostEqual(m["map"], (0.5 + 7 / 12) / 2)
        self.assertAlmostEqual(m["r_precision"], 0.25)
        self.assertEqual(m["p_at"][1], 0.0)
        self.assertAlmostEqual(m["p_at"][3], 0.5)
        self.assertAlmostEqual(m["p_at"][5], (1 / 5 + 2 / 5) / 2)

    def test_random_baseline_is_fixed(self):
        docs, ids, labels = ["a"] * 10, list(range(10)), [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]
        self.assertEqual(ev.random_map(docs, ids, labels), ev.random_map(docs, ids, labels))


if __name__ == "__main__":
    unittest.main()
