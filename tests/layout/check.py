#!/usr/bin/env python3
"""tests/layout/check.py: the layout rules of docs/architecture.md, checked.

1. No source file under common/, ap/, sta/, sim/ is over 1000 lines.
2. No two program .c files import each other: A uses (calls or takes the
   address of) a non-static function defined in B, and B one defined in A.
   Calls that must go back go through an ops struct or a callback.
3. No two headers include each other.

Prints one line per failure and ends with "layout: N passed, N failed".
Exit status 1 if anything failed."""
import itertools
import os
import re
import sys

DIRS = ('common', 'ap', 'sta', 'sim')
MAX_LINES = 1000
root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')

files = {}
for d in DIRS:
    p = os.path.join(root, d)
    for f in sorted(os.listdir(p)):
        if f.endswith(('.c', '.h')):
            with open(os.path.join(p, f), errors='replace') as fh:
                files[d + '/' + f] = fh.read()


def strip(text):
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'//[^\n]*', ' ', text)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


passed = failed = 0
rule_failures = 0


def result(ok, msg):
    global rule_failures
    if not ok:
        rule_failures += 1
        print('layout: FAIL ' + msg)


def rule_done(name):
    """Each rule counts once: passed if none of its checks failed."""
    global passed, failed, rule_failures
    if rule_failures:
        failed += 1
        print(f'layout: rule "{name}" failed {rule_failures} times')
    else:
        passed += 1
    rule_failures = 0


# 1. file length
for name, text in files.items():
    n = text.count('\n')
    result(n <= MAX_LINES, f'{name}: {n} lines (limit {MAX_LINES})')
rule_done('files under 1000 lines')

# 2. call-level import circles between .c files
code = {n: strip(t) for n, t in files.items() if n.endswith('.c')}
defn = re.compile(r'^(?!static\b)[A-Za-z_][\w \t\*]*?\b(\w+)\s*\([^;{}]*\)\s*\{', re.M)
owner = {}
for name, text in code.items():
    for m in defn.finditer(text):
        if m.group(1) not in ('if', 'while', 'for', 'switch', 'main'):
            owner.setdefault(m.group(1), set()).add(name)
ident = re.compile(r'\b[A-Za-z_]\w*\b')
uses = {}
for name, text in code.items():
    u = {}
    for word in set(ident.findall(text)):
        for o in owner.get(word, ()):
            if o != name:
                u.setdefault(o, set()).add(word)
    uses[name] = u
for a, b in itertools.combinations(sorted(code), 2):
    circle = b in uses[a] and a in uses[b]
    result(not circle, f'{a} <-> {b}: {a} uses {sorted(uses[a].get(b, ()))[:3]}, '
           f'{b} uses {sorted(uses[b].get(a, ()))[:3]}')
rule_done('no two .c files import each other')

# 3. headers that include each other
inc = re.compile(r'#\s*include\s+"([^"]+)"')
hdr_inc = {}
for name, text in files.items():
    if name.endswith('.h'):
        d = name.split('/')[0]
        s = set()
        for m in inc.finditer(text):
            for cand in (d + '/' + m.group(1), 'common/' + m.group(1)):
                if cand in files:
                    s.add(cand)
                    break
        hdr_inc[name] = s
for a, b in itertools.combinations(sorted(hdr_inc), 2):
    result(not (b in hdr_inc[a] and a in hdr_inc[b]), f'{a} <-> {b}: include each other')
rule_done('no two headers include each other')

print(f'layout: {passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
