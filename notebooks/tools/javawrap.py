"""Wraps Java lines over LIMIT characters at safe points (outside string literals)."""
import re
LIMIT = 100

def scan(line):
    """Yields (index, char, in_string) and finds the start of a // comment outside strings."""
    out = []; in_str = None; i = 0; comment = None
    while i < len(line):
        ch = line[i]
        if in_str:
            out.append((i, in_str))
            if ch == '\\': out.append((i + 1, in_str)); i += 2; continue
            if ch == in_str: in_str = None
        else:
            if ch in '"\'': in_str = ch; out.append((i, ch)); i += 1; continue
            if line.startswith('//', i): comment = i; break
            out.append((i, None))
        i += 1
    return dict(out), comment

def candidates(code, states, indent):
    """Break points (index where the second line starts, nesting depth, kind: higher is nicer)."""
    c = []
    depth = 0
    for i, ch in enumerate(code):
        if states.get(i) is not None: continue
        if ch in '([{': depth += 1
        elif ch in ')]}': depth -= 1
        if i <= indent + 30: continue
        if ch == '.' and re.match(r'\.[a-zA-Z_]\w*\(', code[i:]) and code[i-1] in ')"':
            c.append((i, depth, 3))
        elif ch == ',' and code[i+1:i+2] == ' ' and not re.match(r',\s*\w+\)\s*->', code[i:]):
            c.append((i + 2, depth, 2))
        elif re.match(r' (throw|return) ', code[i:]) and code[i-1] == ')':
            c.append((i + 1, depth, 4))
        elif any(code.startswith(op, i) for op in (' + ', ' && ', ' || ', ' ? ', ' : ')):
            c.append((i + 1, depth, 1))
        elif ch == ';' and code[i+1:i+2] == ' ':
            c.append((i + 2, depth, 2))
        elif ch == '(' and code[i+1:i+2] not in ')':
            c.append((i + 1, depth - 1, 0))
    return c

def split_string(code, states, indent):
    """Splits a long string literal at a space: "a b" -> "a " + / "b"."""
    best = None
    for i in range(min(len(code), LIMIT - 3), indent + 10, -1):
        if states.get(i) == '"' and code[i] == ' ' and states.get(i + 1) == '"' and code[i+1] != '"':
            best = i + 1; break
    if best is None: return None
    return code[:best] + '" +', '"' + code[best:]

def wrap_line(line, depth=0):
    if len(line) <= LIMIT or depth > 12: return [line]
    indent = len(line) - len(line.lstrip())
    pad = ' ' * indent
    states, comment = scan(line)
    if comment is not None:
        code, text = line[:comment].rstrip(), line[comment + 2:].strip()
        if not code.strip():  # a whole-line comment: wrap its words
            words, lines, cur = text.split(), [], pad + '//'
            for w in words:
                if len(cur) + 1 + len(w) > LIMIT and cur.strip() != '//':
                    lines.append(cur); cur = pad + '//'
                cur += ' ' + w
            lines.append(cur)
            return lines
        # a trailing comment goes on its own line above the code
        return wrap_line(pad + '// ' + text, depth + 1) + wrap_line(code, depth + 1)
    code = line.rstrip()
    cont = code.lstrip().startswith('.')
    more = indent if cont else indent + 4
    cands = [x for x in candidates(code, states, indent) if x[0] <= LIMIT]
    if cands:
        # outermost first, then the nicest kind, then the rightmost
        p = max(cands, key=lambda x: (-x[1], x[2], x[0]))[0]
        first, rest = code[:p].rstrip(), ' ' * more + code[p:].lstrip()
        return [first] + wrap_line(rest, depth + 1)
    s = split_string(code, states, indent)
    if s:
        return [s[0]] + wrap_line(' ' * more + s[1], depth + 1)
    return [line]

def wrap(source):
    out = []
    for l in source.split('\n'):
        out.extend(wrap_line(l))
    return '\n'.join(out)

if __name__ == '__main__':
    import sys
    for l in open(sys.argv[1]).read().split('\n'):
        parts = l.split(' ', 4)
        if len(parts) < 5: continue
        w = wrap_line(parts[4])
        print('\n'.join(w)); print('-----')
