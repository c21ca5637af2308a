#!/usr/bin/env python3
"""Relation diagnostic beside ../shared/tools/kg_score.py: relation recall over the gold relations whose two
entities newskg found (relation recall is capped by entity recall; this shows what the relation stage itself
reaches), per kind, and with -v each such miss and each wrong edge with its sentences.

usage: scripts/relation-diag.py [GOLD.json|GOLD_DIR...] [-v] [-open] [--open-missed] [--blocked] [--kind KIND]
                               [-- EXTRACT FLAGS]
  -open lists newskg's open edges too; --open-missed lists each gold open relation whose two entities newskg
  found but joined by no edge (kg_score counts any non-co-occurrence edge between them as the open relation found)
  --blocked: instead, each gold entity newskg missed that blocks gold relations (typed or open), per article and
  ranked by relations blocked, with its gold type and names, the blocked relations, and the nodes newskg made
  under one of its names with another type (or whose label contains one of its names)
  (from the project root, after cargo build --release; default GOLD is ../shared/corpus/news-gold)
The scoring (entities found by type and name, kinds accepted, direction) is kg_score.py's own, imported."""
import json, os, subprocess, sys, tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(HERE, '..', '..', 'shared', 'tools')
sys.path.insert(0, TOOLS)
import kg_score  # noqa: E402


def blocking(art, graph, missing):
    """One row per missing gold entity that blocks at least one gold relation: (blocked count, page, text)."""
    ents = {g['id']: g for g in art.get('entities', [])}
    nodes = graph.get('nodes', [])
    rows = []
    for gid in missing:
        g = ents[gid]
        rels = [f"{r['a']} -{r['kind_any_of'][0]}-> {r['b']}" for r in art.get('relations', [])
                if gid in (r['a'], r['b'])]
        rels += [f"{o['a']} ~{o.get('predicate', 'open')}~ {o['b']}" for o in art.get('open_relations', [])
                 if gid in (o['a'], o['b'])]
        if not rels:
            continue
        names = set(g['any_of'])
        instead = []
        for n in nodes:
            ss = {x.strip() for x in kg_score.strings(n)}
            label = str(n.get('label', ''))
            if ss & names:
                instead.append(f"{label} [{n.get('type')}] (same name)")
            elif any(x in label for x in names if len(x) > 1) or any(label in x for x in names if len(label) > 1):
                instead.append(f"{label} [{n.get('type')}]")
        text = [f"  {len(rels)} {gid} {g['type']} {' / '.join(g['any_of'])}"]
        text += [f"      blocks {r}" for r in rels]
        text += [f"      newskg made: {i}" for i in instead[:6]]
        rows.append((len(rels), art['page'], '\n'.join(text)))
    return rows


def report_blocked(rows):
    """Articles ranked by the relations their missing entities block, each article's entities ranked too."""
    by_page = {}
    for n, page, text in rows:
        by_page.setdefault(page, []).append((n, text))
    for page, ents in sorted(by_page.items(), key=lambda kv: -sum(n for n, _ in kv[1])):
        print(f"{page}: {sum(n for n, _ in ents)} relations blocked")
        for _, text in sorted(ents, key=lambda e: -e[0]):
            print(text)
    print(f"TOTAL {len(rows)} missing entities block {sum(n for n, _, _ in rows)} gold relations (typed and open)")


def main():
    argv = sys.argv[1:]
    extra = argv[argv.index('--') + 1:] if '--' in argv else []
    argv = argv[:argv.index('--')] if '--' in argv else argv
    verbose = '-v' in argv
    kind_filter = None
    if '--kind' in argv:
        kind_filter = argv[argv.index('--kind') + 1]
        argv.remove('--kind')
        argv.remove(kind_filter)
    open_missed = '--open-missed' in argv
    blocked = '--blocked' in argv
    golds = [a for a in argv if a not in ('-v', '-open', '--open-missed', '--blocked')] or [os.path.join(TOOLS, '..', 'corpus', 'news-gold')]
    base = os.path.join(TOOLS, '..', 'corpus', 'news-html')
    reach, got = Counter(), Counter()
    opens_reach = opens_got = 0
    blocked_rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for art in [a for g in golds for a in kg_score.load_gold(g)]:
            page = kg_score.locate(art['page'], base)
            if not page:
                continue
            out = os.path.join(tmp, 'g.json')
            if os.path.exists(out):
                os.remove(out)
            subprocess.run(['target/release/newskg', 'extract', page, '-o', out] + extra, capture_output=True)
            graph = json.load(open(out)) if os.path.exists(out) else {}
            s = kg_score.score_article(art, graph)
            missing = set(s['missing_entities'])
            if blocked:
                blocked_rows.extend(blocking(art, graph, missing))
                continue
            missed = set(s['missed'])
            lines = []
            for r in art.get('relations', []):
                if r['a'] in missing or r['b'] in missing:
                    continue
                k = r['kind_any_of'][0]
                if kind_filter and kind_filter not in r['kind_any_of']:
                    continue
                reach[k] += 1
                key = f"{r['a']} -{k}-> {r['b']}"
                if key in missed:
                    lines.append(f"   missed {key}: {r.get('evidence', '')}")
                else:
                    got[k] += 1
            # Graph node id -> gold entity id, as kg_score matches them (first gold entity wins).
            gold_of = {}
            for g in art.get('entities', []):
                for n in graph.get('nodes', []):
                    ss = {x.strip() for x in kg_score.strings(n)}
                    if kg_score.TYPES.get(str(n.get('type', '')).upper()) == g['type'] and ss & set(g['any_of']):
                        gold_of.setdefault(str(n.get('id')), g['id'])
            joined = {frozenset((gold_of.get(str(e['source'])), gold_of.get(str(e['target']))))
                      for e in graph.get('edges', []) if e.get('kind') not in kg_score.NOT_TYPED}
            for o in art.get('open_relations', []):
                if o['a'] in missing or o['b'] in missing:
                    continue
                opens_reach += 1
                if open_missed and frozenset((o['a'], o['b'])) not in joined:
                    lines.append(f"   open-missed {o['a']} ~{o.get('predicate', '')}~ {o['b']}: {o.get('evidence', '')}")
            opens_got += s['open_found']
            if verbose or open_missed:
                # Wrong edges with their evidence.
                names = {str(n.get('id')): n.get('label') for n in graph.get('nodes', [])}
                wrong = set(s['wrong'])
                for e in graph.get('edges', []):
                    a, b = gold_of.get(str(e['source'])), gold_of.get(str(e['target']))
                    key = f"{a} -{e.get('kind')}-> {b}"
                    ev = (e.get('evidence') or [{}])[0].get('sentence', '')
                    pred = '|'.join(e.get('attributes', {}).get('predicate', []))
                    if key in wrong and verbose:
                        lines.append(f"   WRONG {key} ~{pred}~ | {ev[:150]}")
                    elif e.get('kind') == 'related' and '-open' in argv and verbose:
                        lines.append(f"   open {names.get(e['source'])} ~{pred}~ {names.get(e['target'])} | {ev[:120]}")
                if lines:
                    print(art['page'])
                    print('\n'.join(lines))
    if blocked:
        report_blocked(blocked_rows)
        return
    total_r, total_g = sum(reach.values()), sum(got.values())
    for k, n in reach.most_common():
        print(f'{k:20} {got[k]:4}/{n:<4}')
    print(f'REACHABLE relation recall {total_g / max(1, total_r):.3f} ({total_g}/{total_r} gold relations whose two '
          f'entities were found); open relations with both entities found: {opens_reach} ({opens_got} found)')


if __name__ == '__main__':
    main()
