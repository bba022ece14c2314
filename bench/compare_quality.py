#!/usr/bin/env python3
"""Quality of revue against scikit-learn's CountVectorizer + MultinomialNB on the same folds.

The script makes the folds itself (stratified on region and theme together, fixed seed),
and gives both tools exactly the same training and test articles; metrics for both come
from scikit-learn's own f1_score, pooled over the folds. With --holdout it also trains on
the whole corpus and tests on data/holdout/.

    python3 bench/compare_quality.py            # 5 folds on data/corpus
    python3 bench/compare_quality.py --holdout  # and the held-out set
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADS = ("region", "theme")


def ensure_sklearn():
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("installing scikit-learn from PyPI...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "scikit-learn"], check=True)


def read_jsonl(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def revue_predict(binary, train_rows, test_rows, workdir):
    train, test, model = workdir / "train.jsonl", workdir / "test.jsonl", workdir / "model.revue"
    write_jsonl(train, train_rows)
    write_jsonl(test, [{"title": r["title"], "body": r["body"]} for r in test_rows])
    subprocess.run([binary, "train", str(train), "--output", str(model)], check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run([binary, "classify", str(test), "--model", str(model), "--format", "jsonl"],
                         check=True, capture_output=True, text=True).stdout
    predictions = [json.loads(line) for line in out.splitlines()]
    return {head: [p[head] for p in predictions] for head in HEADS}


def sklearn_predict(train_rows, test_rows):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB

    text = lambda r: r["title"] + "\n" + r["body"]
    vectorizer = CountVectorizer()
    x_train = vectorizer.fit_transform([text(r) for r in train_rows])
    x_test = vectorizer.transform([text(r) for r in test_rows])
    return {head: list(MultinomialNB(alpha=1.0).fit(x_train, [r[head] for r in train_rows]).predict(x_test))
            for head in HEADS}


def scores(truth, predicted):
    from sklearn.metrics import accuracy_score, f1_score
    return accuracy_score(truth, predicted), f1_score(truth, predicted, average="macro")


def report(title, rows, predictions):
    print(f"\n{title}")
    print(f"  {'head':<8} {'tool':<13} {'accuracy':>8} {'macro-F1':>9}")
    for head in HEADS:
        truth = [r[head] for r in rows]
        for tool in ("revue", "scikit-learn"):
            acc, f1 = scores(truth, predictions[tool][head])
            print(f"  {head:<8} {tool:<13} {acc:>8.3f} {f1:>9.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--holdout", action="store_true", help="also train on data/corpus and test on data/holdout")
    parser.add_argument("--revue", default=str(ROOT / "target/release/revue"), help="the revue binary")
    args = parser.parse_args()
    ensure_sklearn()
    from sklearn.model_selection import StratifiedKFold

    if not Path(args.revue).exists():
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    corpus = read_jsonl(sorted((ROOT / "data/corpus").glob("*.jsonl")))
    strata = [r["region"] + "/" + r["theme"] for r in corpus]
    # Strata too small to split go together, so every stratum has at least `folds` members.
    counts = {s: strata.count(s) for s in set(strata)}
    strata = [s if counts[s] >= args.folds else "rare" for s in strata]
    folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=0)
    ordered_rows, pooled = [], {"revue": {h: [] for h in HEADS}, "scikit-learn": {h: [] for h in HEADS}}
    with tempfile.TemporaryDirectory() as tmp:
        for train_idx, test_idx in folds.split(corpus, strata):
            train_rows = [corpus[i] for i in train_idx]
            test_rows = [corpus[i] for i in test_idx]
            ordered_rows.extend(test_rows)
            for tool, predictions in (("revue", revue_predict(args.revue, train_rows, test_rows, Path(tmp))),
                                      ("scikit-learn", sklearn_predict(train_rows, test_rows))):
                for head in HEADS:
                    pooled[tool][head].extend(predictions[head])
        report(f"{args.folds}-fold cross-validation on data/corpus ({len(corpus)} articles, same folds for both)",
               ordered_rows, pooled)
        if args.holdout:
            holdout = read_jsonl(sorted((ROOT / "data/holdout").glob("*.jsonl")))
            predictions = {"revue": revue_predict(args.revue, corpus, holdout, Path(tmp)),
                           "scikit-learn": sklearn_predict(corpus, holdout)}
            report(f"trained on data/corpus, tested on data/holdout ({len(holdout)} articles)", holdout, predictions)


if __name__ == "__main__":
    main()
