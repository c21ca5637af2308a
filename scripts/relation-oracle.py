#!/usr/bin/env python3
"""The relation stage alone, with the gold's entities: every sentence of every annotated article is given to
`newskg relate` with the gold entities written in it (their surface forms, longest first) as its arguments, and the
answers are scored like ../shared/tools/kg_score.py scores a graph (kinds accepted, direction, `also_ok`, open
relations; a typed edge between gold entities that the gold does not back is wrong). Entity recognition is taken
out of the measure, so this shows what the relation patterns reach on constructions whose entities a reader sees.
Article-level reading (`양사`, contract terms) is not exercised (one sentence at a time).

usage: scripts/relation-oracle.py [GOLD.json|GOLD_DIR...] [-v] [-- RELATE FLAGS]
  (from the project root, after cargo build --release; default GOLD is ../shared/corpus/news-gold)"""
import json, os, re, subprocess, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(HERE, '..', '..', 'shared', 'tools')
sys.path.insert(0, TOOLS)
import kg_score  # noqa: E402

TYPE = {'PERSON': 'PERSON', 'ORG': 'ORG', 'PRODUCT': 'PRODUCT', 'LOCATION': 'LOCATION', 'EVENT': 'EVENT',
        'WORK': 'WORK'}


def sentences(text):
    """Sentences roughly as src/text/sentences.rs splits them: at line breaks and after 다./요./?/! ."""
    out, start = [], 0
    for m in re.finditer(r'\n|(?<=[가-힣)\]\'"’”])\.(?=\s|$)|[?!](?=\s|$)', text):
        end = m.end() if m.group() != '\n' else m.start()
        if text[start:end].strip():
            s = start + len(text[start:end]) - len(text[start:end].lstrip())
            out.append((s, text[s:end].rstrip()))
        start = m.end()
    if text[start:].strip():
        s = start + len(text[start:]) - len(text[start:].lstrip())
        out.append((s, text[s:].rstrip()))
    return out


def mark(sentence, ents):
    """Non-overlapping occurrences of the gold entities' names, longest first: [(start, end, gold id, type)]."""
    names = sorted(((n, e['id'], e['type']) for e in ents for n in e['any_of'] if len(n) >= 2 or re.match(r'[가-힣]', n)),
                   key=lambda x: -len(x[0]))
    taken = [False] * len(sentence)
    found = []
    for name, gid, t in names:
        for m in re.finditer(re.escape(name), sentence):
            s, e = m.start(), m.end()
            if any(taken[s:e]):
                continue
            # A name inside a longer word of Latin letters or digits is not a mention (`KT` in `KTX`).
            if re.match(r'[A-Za-z0-9]', name[-1]) and e < len(sentence) and re.match(r'[A-Za-z0-9]', sentence[e]):
                continue
            if re.match(r'[A-Za-z0-9]', name[0]) and s > 0 and re.match(r'[A-Za-z0-9]', sentence[s - 1]):
                continue
            for k in range(s, e):
                taken[k] = True
            found.append((s, e, gid, t))
    return sorted(found)


def main():
    argv = sys.argv[1:]
    extra = argv[argv.index('--') + 1:] if '--' in argv else []
    argv = argv[:argv.index('--')] if '--' in argv else argv
    verbose = '-v' in argv
    golds = [a for a in argv if a != '-v'] or [os.path.join(TOOLS, '..', 'corpus', 'news-gold')]
    base = os.path.join(TOOLS, '..', 'corpus', 'news-html')
    arts = [a for g in golds for a in kg_score.load_gold(g)]
    # Every sentence of every article, with its arguments, in one relate run.
    lines, where = [], []
    texts = {}
    for ai, art in enumerate(arts):
        page = kg_score.locate(art['page'], base)
        if not page:
            continue
        r = subprocess.run(['target/release/newskg', 'article', page], capture_output=True, text=True)
        if not r.stdout.strip():
            continue
        a = json.loads(r.stdout.splitlines()[0])
        title = (a.get('title') or '').strip()
        text = a['text'] if not title or a['text'].startswith(title) else f"{title}\n\n{a['text']}"
        texts[ai] = text
        for _, s in sentences(text):
            ms = mark(s, art.get('entities', []))
            if len({m[2] for m in ms}) < 2:
                continue
            lines.append(json.dumps({'sentence': s, 'args': [
                {'start': len(s[:m[0]]), 'end': len(s[:m[1]]), 'type': TYPE[m[3]]} for m in ms]}, ensure_ascii=False))
            where.append((ai, s, ms))
    r = subprocess.run(['target/release/newskg', 'relate'] + extra, input='\n'.join(lines) + '\n',
                       capture_output=True, text=True)
    answers = [json.loads(l) for l in r.stdout.splitlines()]
    edges = {}  # article -> list of (a, b, kind, predicate, sentence)
    for (ai, s, ms), ans in zip(where, answers):
        for rel in ans.get('relations', []):
            a, b = ms[rel['a']][2], ms[rel['b']][2]
            if a == b:
                continue
            src, dst = (a, b) if rel['source'] == rel['a'] else (b, a)
            edges.setdefault(ai, []).append((src, dst, rel['kind'], rel.get('predicate') or rel.get('role') or '', s))
    tot = Counter()
    per_kind, per_kind_got = Counter(), Counter()
    for ai, art in enumerate(arts):
        if ai not in texts:
            continue
        got, wrong, open_got = set(), [], set()
        # As the article step does: kinds that are no graph edges drop out,
        # and a pair with a typed relation needs no open one.
        es = [e for e in edges.get(ai, []) if e[2] not in ('alias_of', 'has_title')]
        typed = {frozenset((e[0], e[1])) for e in es if e[2] != 'related'}
        es = [e for e in es if e[2] != 'related' or frozenset((e[0], e[1])) not in typed]
        for src, dst, kind, pred, s in es:
            if kind in kg_score.NOT_TYPED:
                continue
            tot['typed'] += 1
            match = None
            for rel in art.get('relations', []):
                if kind in rel['kind_any_of'] and ((rel['a'], rel['b']) == (src, dst) or (
                        kind in kg_score.UNDIRECTED and (rel['b'], rel['a']) == (src, dst))):
                    match = rel
                    break
            opens = [o for o in art.get('open_relations', []) if {o['a'], o['b']} == {src, dst}]
            open_got.update(id(o) for o in opens)
            ok_also = any(kind in r['kind_any_of'] and ((r['a'], r['b']) == (src, dst) or (
                kind in kg_score.UNDIRECTED and (r['b'], r['a']) == (src, dst))) for r in art.get('also_ok', []))
            if match:
                got.add(id(match))
            elif not opens and not ok_also:
                wrong.append(f'{src} -{kind}-> {dst} ~{pred}~ | {s[:150]}')
        rels = art.get('relations', [])
        for rel in rels:
            per_kind[rel['kind_any_of'][0]] += 1
            if id(rel) in got:
                per_kind_got[rel['kind_any_of'][0]] += 1
        tot['relations'] += len(rels)
        tot['found'] += len(got)
        tot['wrong'] += len(wrong)
        tot['open'] += len(art.get('open_relations', []))
        tot['open_found'] += len(open_got)
        if verbose:
            lines = [f"   missed {r['a']} -{r['kind_any_of'][0]}-> {r['b']}: {r.get('evidence', '')[:150]}"
                     for r in rels if id(r) not in got]
            lines += [f'   WRONG {w}' for w in wrong]
            if lines:
                print(art['page'])
                print('\n'.join(lines))
    for k, n in per_kind.most_common():
        print(f'{k:20} {per_kind_got[k]:4}/{n:<4}')
    judged = tot['typed']
    print(f"ORACLE-ENTITY relation recall {tot['found'] / max(1, tot['relations']):.3f} ({tot['found']}/{tot['relations']}), "
          f"precision {(judged - tot['wrong']) / max(1, judged):.3f} ({tot['wrong']} wrong of {judged} edges between gold "
          f"entities), open-relation recall {tot['open_found'] / max(1, tot['open']):.3f} ({tot['open_found']}/{tot['open']})")


if __name__ == '__main__':
    main()
