"""Decision 0004, "Seventh round": latent semantic analysis (LSA) and a learned re-ranker, measured on
the feature's own direct scores. A prototype in Python (numpy, scipy: not installed by the repository):

    TUNE_TOP=1000 npx tsx bench/matching-tune.ts --dump /tmp/ranking.json   # every course's scores
    python3 bench/matching-round7.py /tmp/ranking.json                       # about a minute

It re-implements the feature's lending on the dumped direct scores (its first line reproduces the
feature's figures), then prints each variant's recall@5, nDCG@10 and MRR on the dev and the held-out set.
"""
import glob, json, math, os, random, re, sys

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.linalg import svds

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = {'dev': os.path.join(ROOT, '../shared/datasets/matching-dev'), 'held-out': os.path.join(ROOT, 'bench/sets/heldout-a')}
DUMP = json.load(open(sys.argv[1]))
read = lambda s, f: json.load(open(os.path.join(SETS[s], f)))

# ---- text: words, 5-letter prefixes (as the index's 'p' terms), the glossary's translations
PAIRS = []
for f in glob.glob(os.path.join(ROOT, 'src/features/matching/glossary/*.tsv')):
    for line in open(f).read().splitlines()[1:]:
        if '\t' in line:
            sv, en = line.split('\t')[:2]
            PAIRS.append((sv.lower(), en.lower()))
words = lambda t: [w for w in re.split(r'[^\wåäöéü]+', t.lower()) if w]
STOP = set('och att det som för med till av på en ett är de den vi har inte kan ska om eller i the of and to in '
           'for a an is are on with as by or be we our their they this that from at it not can will how what'.split())
terms = lambda ws: [w[:5] if len(w) >= 5 else w for w in ws if w not in STOP and not w.isdigit()]
WORD_TR, PHRASE_TR = {}, []
for sv, en in PAIRS:
    for a, b in ((sv, en), (en, sv)):
        if ' ' in a: PHRASE_TR.append((a, b))
        else: WORD_TR.setdefault(a, set()).update(words(b))

def bag(text, translated=0.5):
    ws = words(text)
    counts = {}
    for t in terms(ws): counts[t] = counts.get(t, 0) + 1
    extra = [t for w in ws if w in WORD_TR for t in terms(WORD_TR[w])]
    padded = ' ' + ' '.join(ws) + ' '
    extra += [t for a, b in PHRASE_TR if ' ' + a + ' ' in padded for t in terms(words(b))]
    for t in extra: counts[t] = counts.get(t, 0) + translated
    return counts

def course_text(c):
    return ' '.join([(c['title'] + ' ') * 3, (' '.join(c.get('subjects', [])) + ' ') * 2, c['description'],
                     ' '.join(c.get('learningOutcomes', []))])

class Space:
    """tf-idf over the catalogue's terms (and their translations), reduced to k dimensions by SVD."""
    def __init__(self, s, k):
        self.cat = read(s, 'catalog.json')['courses']
        docs = [bag(course_text(c)) for c in self.cat]
        self.df = {}
        for d in docs:
            for t in d: self.df[t] = self.df.get(t, 0) + 1
        self.n, self.vocab = len(docs), {}
        rows, cols, vals = [], [], []
        for i, d in enumerate(docs):
            for t, v in d.items():
                if self.df[t] < 2: continue
                rows.append(i); cols.append(self.vocab.setdefault(t, len(self.vocab))); vals.append(self.w(t, v))
        x = csr_matrix((vals, (rows, cols)), shape=(self.n, len(self.vocab)))
        x = csr_matrix(x.multiply(1 / np.sqrt(np.asarray(x.multiply(x).sum(1)).ravel())[:, None]))
        # (at most the number of courses less 10: the held-out catalogue has 90)
        u, sv, self.vt = svds(x, k=min(k, self.n - 10))
        self.docs = u * sv
        self.docs /= np.linalg.norm(self.docs, axis=1, keepdims=True) + 1e-12
        self.ids = [c['id'] for c in self.cat]
        self.index = {c: i for i, c in enumerate(self.ids)}
    def w(self, t, v): return (1 + math.log(v)) * math.log(self.n / self.df[t])
    def cosines(self, text):
        q = np.zeros(len(self.vocab))
        for t, v in bag(text).items():
            if t in self.vocab: q[self.vocab[t]] = self.w(t, v)
        qk = self.vt @ q
        return self.docs @ (qk / (np.linalg.norm(qk) + 1e-12))

# ---- the feature's lending, on the dumped direct scores (decision 0004: 5 lenders ≥ 0.6 × best, same
# language 1.5 × similarity, nearest other language 0.5 from similarity 0.1, capped below the lender, then
# the other-language twins lend 0.5 × similarity to their own neighbours)
def lend(direct, nb, sim_scale=1.0):
    best = max(direct.values(), default=0)
    top = [a for a in sorted(direct, key=lambda x: -direct[x])[:5] if direct[a] >= 0.6 * best and direct[a] > 0]
    lent, lender, twin = {}, {}, {}
    for a in top:
        for b, s, cross, r in nb.get(a, []):
            w = 1.5 * sim_scale * s if not cross else (0.5 if r <= 1 and s >= 0.1 else 0)
            lent[b] = lent.get(b, 0) + direct[a] * w
            lender[b] = max(lender.get(b, 0), direct[a])
            twin[b] = twin.get(b, False) or (cross and r <= 1 and s >= 0.1)
    score, raw = {}, {}
    for x in set(direct) | set(lent):
        d, l = direct.get(x, 0), lent.get(x, 0)
        score[x] = max(d, min(d + l, 0.999 * lender[x])) if l > 0 else d
        raw[x] = d + l
    best2 = max(score.values(), default=0)
    order = sorted(score, key=lambda x: (-score[x], -raw[x]))
    lent2, lender2 = {}, {}
    for a in [x for x in order[:5] if score[x] >= 0.6 * best2 and x not in top and twin.get(x)]:
        for b, s, cross, r in nb.get(a, []):
            if cross or b in top: continue
            lent2[b] = lent2.get(b, 0) + score[a] * 0.5 * sim_scale * s
            lender2[b] = max(lender2.get(b, 0), score[a])
    for b, l in lent2.items():
        s = score.get(b, 0)
        score[b], raw[b] = max(s, min(s + l, 0.999 * lender2[b])), raw.get(b, 0) + l
    return score, raw

def figures(gold, order):
    rel = [c for c in gold if gold[c] >= 1]
    dcg = sum((2 ** gold.get(c, 0) - 1) / math.log2(i + 2) for i, c in enumerate(order[:10]))
    ideal = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(sorted(gold.values(), reverse=True)[:10]))
    first = next((i for i, c in enumerate(order[:10]) if gold.get(c, 0) >= 1), None)
    return len([c for c in rel if c in order[:5]]) / len(rel), dcg / ideal, 1 / (first + 1) if first is not None else 0

def covered(s):
    gold = read(s, 'gold.json')
    return [(n, gold.get(n['id'], {})) for n in read(s, 'needs.json')['needs'] if gold.get(n['id'])]

def dumped(s, need): return DUMP[f'{s}/{need}']['ranked']

def table_neighbours(s):
    return {a: [(b, x, bool(c), r) for b, x, c, r in l] for a, l in DUMP[f'{s}/neighbours'].items()}

def lsa_neighbours(space, same=5, other=3):
    sims = space.docs @ space.docs.T
    out = {}
    for i, c in enumerate(space.cat):
        near = []
        for cross, count in ((False, same), (True, other)):
            js = [j for j in np.argsort(-sims[i]) if j != i and (space.cat[j]['language'] != c['language']) == cross][:count]
            near += [(space.ids[j], float(sims[i, j]), cross, r + 1) for r, j in enumerate(js)]
        out[c['id']] = near
    return out

def run(s, rank):
    return np.array([figures(g, rank(n)) for n, g in covered(s)]).mean(0)

def show(name, dev, held):
    print(f'{name:44s} dev R@5 {dev[0]:.3f} nDCG {dev[1]:.3f} MRR {dev[2]:.3f} | held-out R@5 {held[0]:.3f} nDCG {held[1]:.3f} MRR {held[2]:.3f}')

def feature_rank(s, nb, cos=None, alpha=0, space=None):
    def rank(n):
        ranked = dumped(s, n['id'])
        score, raw = lend({r[0]: r[2] for r in ranked if r[2] > 0}, nb)
        if alpha:
            best, c = max([r[2] for r in ranked] + [0]), space.cosines(n['text'])
            for i, cid in enumerate(space.ids): score[cid] = score.get(cid, 0) + alpha * best * max(0, c[i])
        return sorted(score, key=lambda x: (-score[x], -raw.get(x, 0)))
    return rank

TABLE = {s: table_neighbours(s) for s in SETS}
show('feature (lending re-implemented)', *(run(s, feature_rank(s, TABLE[s])) for s in SETS))

print('-- LSA cosine of need and course added: alpha × best direct score × cosine')
for k in (30, 45, 60, 75, 90):
    spaces = {s: Space(s, k) for s in SETS}
    for alpha in (0.5, 0.7, 1.0):
        show(f'k {k}, alpha {alpha}', *(run(s, feature_rank(s, TABLE[s], alpha=alpha, space=spaces[s])) for s in SETS))

print('-- neighbours by LSA cosine instead of the tf-idf neighbour table (lent: scale × cosine)')
for k in (40, 60, 80):
    spaces = {s: Space(s, k) for s in SETS}
    nbs = {s: lsa_neighbours(spaces[s]) for s in SETS}
    for scale in (0.1, 0.2, 0.4):
        def ranker(s, scale=scale):
            def rank(n):
                ranked = dumped(s, n['id'])
                score, raw = lend({r[0]: r[2] for r in ranked if r[2] > 0}, nbs[s], sim_scale=scale)
                return sorted(score, key=lambda x: (-score[x], -raw.get(x, 0)))
            return rank
        show(f'k {k}, scale {scale}', *(run(s, ranker(s)) for s in SETS))

# ---- a learned re-ranker: pairwise logistic regression over 16 features of the top 30 and the 10 best by
# LSA; dev figures by 5-fold cross-validation (each fold ranked by weights learned on the other four),
# held-out figures by weights learned on the whole dev set
def candidates(s, space):
    idx = space.index
    out = []
    nb = TABLE[s]
    for n, g in covered(s):
        ranked = dumped(s, n['id'])
        row = {r[0]: r for r in ranked}
        order = [r[0] for r in ranked]
        cos = space.cosines(n['text'])
        pool = list(dict.fromkeys(order[:30] + [space.ids[i] for i in np.argsort(-cos)[:10]]))
        best, best_direct = max([r[1] for r in ranked] + [1e-9]), max([r[2] for r in ranked] + [1e-9])
        top1, top3 = (order[0] if order else None), order[:3]
        subjects = lambda c: {x.lower() for x in space.cat[idx[c]].get('subjects', [])}
        rows = []
        for c in pool:
            r, i = row.get(c, [c, 0, 0, '', 0, 0]), idx[c]
            matched = r[3]
            translated = (len(matched.split(' → ')) - 1) / max(1, len(matched.split())) if matched else 0
            rank = order.index(c) + 1 if c in order else 99
            f = [r[1] / best, r[2] / best_direct, min(2, r[4] / best), float(r[2] == 0), cos[i],
                 float(space.docs[i] @ space.docs[idx[top1]]) if top1 else 0,
                 max([float(space.docs[i] @ space.docs[idx[t]]) for t in top3] + [0]),
                 float(space.cat[i]['language'] == n['language']),
                 len(subjects(c) & subjects(top1)) / max(1, len(subjects(c) | subjects(top1))) if top1 else 0,
                 translated, 1 / rank, float(rank <= 5), float(c == top1),
                 max([x for b, x, _, _ in nb.get(top1, []) if b == c] + [0]) if top1 else 0,
                 max([x for t in top3 for b, x, _, _ in nb.get(t, []) if b == c] + [0]),
                 float(space.cat[i]['level'] == space.cat[idx[top1]]['level']) if top1 else 0]
            rows.append((c, np.array(f), g.get(c, 0)))
        out.append((g, rows))
    return out

def learn(data, l2, iterations=6000, rate=0.5):
    pairs = np.array([p[1] - q[1] for _, rows in data for p in rows if p[2] >= 1 for q in rows if q[2] == 0])
    w = np.zeros(pairs.shape[1])
    for _ in range(iterations):
        w -= rate * (-(pairs * (1 / (1 + np.exp(pairs @ w)))[:, None]).mean(0) + l2 * w)
    return w

def score(data, w):
    return np.array([figures(g, [c for c, _, _ in sorted(rows, key=lambda r: -(w @ r[1]))]) for g, rows in data]).mean(0)

print('-- learned re-ranker (pairwise logistic regression, 16 features; dev: 5-fold cross-validation)')
for k in (30, 60):
    dev, held = candidates('dev', Space('dev', k)), candidates('held-out', Space('held-out', k))
    order = list(range(len(dev)))
    random.Random(1).shuffle(order)
    folds = [order[i::5] for i in range(5)]
    for l2 in (0.001, 0.003):
        cv = sum(score([dev[i] for i in f], learn([dev[i] for i in order if i not in f], l2)) * len(f) for f in folds) / len(dev)
        weights = learn(dev, l2)
        show(f'k {k}, l2 {l2}', cv, score(held, weights))
        print(f'{"":44s} dev in-sample R@5 {score(dev, weights)[0]:.3f}')
