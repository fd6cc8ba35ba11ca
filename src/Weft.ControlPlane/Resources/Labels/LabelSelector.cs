using Weft.Api.Validation;

namespace Weft.ControlPlane.Resources.Labels;

/// <summary>
/// A Kubernetes label selector in its string form, as <c>?labelSelector=</c> carries it:
/// requirements separated by commas, all of which must hold. Supports <c>=</c>, <c>==</c>,
/// <c>!=</c>, <c>in (...)</c>, <c>notin (...)</c>, <c>key</c> (exists) and <c>!key</c>.
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => Requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEverything => Requirements.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var r in Requirements)
            if (!r.Matches(labels))
                return false;
        return true;
    }

    public override string ToString() => string.Join(",", Requirements);

    /// <summary>Parses a selector; on failure <paramref name="error"/> says what was found where and what was expected.</summary>
    public static LabelSelector? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
            return Everything;
        var parser = new Parser(text);
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var r = parser.Requirement(out error);
            if (r is null)
                return null;
            requirements.Add(r);
            var t = parser.Next();
            if (t.Kind == TokenKind.End)
                break;
            if (t.Kind != TokenKind.Comma)
            {
                error = $"found '{t.Text}' at position {t.Position}, expected: ',' or end of selector";
                return null;
            }
        }
        return new LabelSelector(requirements);
    }

    private enum TokenKind
    {
        End,
        Identifier,
        Comma,
        Equals,
        DoubleEquals,
        NotEquals,
        Not,
        OpenParen,
        CloseParen,
        In,
        NotIn,
        Unsupported,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);

    private sealed class Parser(string text)
    {
        private int _pos;
        private Token? _peeked;

        public Token Peek() => _peeked ??= Scan();

        public Token Next()
        {
            var t = Peek();
            _peeked = null;
            return t;
        }

        public LabelRequirement? Requirement(out string? error)
        {
            error = null;
            var t = Next();
            if (t.Kind == TokenKind.Not)
            {
                var key = Next();
                if (key.Kind != TokenKind.Identifier)
                {
                    error = Expected(key, "a label key after '!'");
                    return null;
                }
                return Key(key, out error) ? new LabelRequirement(key.Text, LabelOperator.DoesNotExist, []) : null;
            }
            if (t.Kind != TokenKind.Identifier)
            {
                error = Expected(t, "a label key");
                return null;
            }
            if (!Key(t, out error))
                return null;
            var op = Peek();
            switch (op.Kind)
            {
                case TokenKind.End or TokenKind.Comma:
                    return new LabelRequirement(t.Text, LabelOperator.Exists, []);
                case TokenKind.Equals or TokenKind.DoubleEquals or TokenKind.NotEquals:
                {
                    Next();
                    var v = Peek();
                    // An empty value ("app=") is allowed: it matches the empty label value.
                    var value = "";
                    if (v.Kind == TokenKind.Identifier)
                    {
                        Next();
                        value = v.Text;
                    }
                    else if (v.Kind is not (TokenKind.End or TokenKind.Comma))
                    {
                        error = Expected(v, "a label value");
                        return null;
                    }
                    if (!Value(value, v.Position, out error))
                        return null;
                    return new LabelRequirement(t.Text, op.Kind == TokenKind.NotEquals ? LabelOperator.NotEquals : LabelOperator.Equals, [value]);
                }
                case TokenKind.In or TokenKind.NotIn:
                {
                    Next();
                    var open = Next();
                    if (open.Kind != TokenKind.OpenParen)
                    {
                        error = Expected(open, $"'(' after '{op.Text}'");
                        return null;
                    }
                    if (Peek().Kind == TokenKind.CloseParen)
                    {
                        error = $"the list of values after '{op.Text}' at position {op.Position} is empty; it needs at least one value";
                        return null;
                    }
                    var values = new List<string>();
                    while (true)
                    {
                        var v = Next();
                        var value = "";
                        if (v.Kind == TokenKind.Identifier)
                        {
                            value = v.Text;
                            v = Next();
                        }
                        if (!Value(value, v.Position, out error))
                            return null;
                        values.Add(value);
                        if (v.Kind == TokenKind.CloseParen)
                            break;
                        if (v.Kind != TokenKind.Comma)
                        {
                            error = Expected(v, "',' or ')' in the list of values");
                            return null;
                        }
                    }
                    return new LabelRequirement(t.Text, op.Kind == TokenKind.In ? LabelOperator.In : LabelOperator.NotIn, values);
                }
                default:
                    error = Expected(op, "'=', '==', '!=', 'in', 'notin', ',' or end of selector");
                    return null;
            }
        }

        private static bool Key(Token t, out string? error)
        {
            error = Rules.QualifiedName("key", t.Text) is { } e ? $"invalid label key \"{t.Text}\" at position {t.Position}: {Detail(e)}" : null;
            return error is null;
        }

        private static bool Value(string value, int position, out string? error)
        {
            error = Rules.LabelValue("value", value) is { } e ? $"invalid label value \"{value}\" at position {position}: {Detail(e)}" : null;
            return error is null;
        }

        // "Invalid value: \"x\": reason" -> "reason"
        private static string Detail(FieldError e)
        {
            var r = e.Reason;
            var cut = r.IndexOf("\": ", StringComparison.Ordinal);
            return cut >= 0 ? r[(cut + 3)..] : r;
        }

        private static string Expected(Token found, string expected) => found.Kind == TokenKind.End
            ? $"unexpected end of selector, expected: {expected}"
            : found.Kind == TokenKind.Unsupported
                ? $"'{found.Text}' at position {found.Position} is not supported (only =, ==, !=, in, notin, exists and !key)"
                : $"found '{found.Text}' at position {found.Position}, expected: {expected}";

        private Token Scan()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
                _pos++;
            if (_pos >= text.Length)
                return new Token(TokenKind.End, "", _pos);
            var start = _pos;
            var c = text[_pos];
            switch (c)
            {
                case ',':
                    _pos++;
                    return new Token(TokenKind.Comma, ",", start);
                case '(':
                    _pos++;
                    return new Token(TokenKind.OpenParen, "(", start);
                case ')':
                    _pos++;
                    return new Token(TokenKind.CloseParen, ")", start);
                case '=':
                    _pos++;
                    if (_pos < text.Length && text[_pos] == '=')
                    {
                        _pos++;
                        return new Token(TokenKind.DoubleEquals, "==", start);
                    }
                    return new Token(TokenKind.Equals, "=", start);
                case '!':
                    _pos++;
                    if (_pos < text.Length && text[_pos] == '=')
                    {
                        _pos++;
                        return new Token(TokenKind.NotEquals, "!=", start);
                    }
                    return new Token(TokenKind.Not, "!", start);
                case '<' or '>':
                    _pos++;
                    return new Token(TokenKind.Unsupported, c.ToString(), start);
            }
            while (_pos < text.Length && !char.IsWhiteSpace(text[_pos]) && text[_pos] is not (',' or '(' or ')' or '=' or '!' or '<' or '>'))
                _pos++;
            var word = text[start.._pos];
            var kind = word switch
            {
                "in" => TokenKind.In,
                "notin" => TokenKind.NotIn,
                _ => TokenKind.Identifier,
            };
            return new Token(kind, word, start);
        }
    }
}
