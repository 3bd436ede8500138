using System.Globalization;
using System.Text;

namespace Ledger.Simulators.Peoplevox;

/// <summary>The search clause is malformed or names a field the template does not have.</summary>
public sealed class PeoplevoxSearchException(string message) : Exception(message);

/// <summary>
/// Peoplevox's search clause language as public clients write it: <c>Field == "text"</c>, <c>Field == 5</c>,
/// <c>!=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&gt;=</c>, <c>Field.Contains("x")</c>, <c>.StartsWith</c>,
/// <c>.EndsWith</c>, <c>DateTime(yyyy,MM,dd,HH,mm,ss)</c>, joined by <c>AND</c>/<c>OR</c> with parentheses.
/// Report clauses use bracketed column names and single quotes: <c>[Despatch date] &gt; '2024-01-31'</c>.
/// </summary>
public sealed class PeoplevoxSearchClause
{
    private static readonly string[] DateFormats =
    [
        "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:ssZ", "O",
    ];

    private readonly Node? _root;

    private PeoplevoxSearchClause(Node? root) => _root = root;

    public static PeoplevoxSearchClause MatchAll { get; } = new(null);

    /// <summary>Parses a clause; empty or whitespace matches everything.</summary>
    public static PeoplevoxSearchClause Parse(string? clause)
    {
        if (string.IsNullOrWhiteSpace(clause))
        {
            return MatchAll;
        }

        var parser = new Parser(Tokenize(clause));
        var root = parser.ParseOr();
        parser.ExpectEnd();
        return new PeoplevoxSearchClause(root);
    }

    /// <summary>True when the row matches; <paramref name="field"/> returns null for an unknown field.</summary>
    public bool Matches(Func<string, string?> field) => _root is null || _root.Evaluate(field);

    /// <summary>Parses the date shapes Peoplevox data and clauses use (reports are UK day-first).</summary>
    public static bool TryParseDate(string? text, out DateTimeOffset value)
    {
        var trimmed = text?.Trim().Trim('\'') ?? "";
        return DateTimeOffset.TryParseExact(
            trimmed, DateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '"' or '\'')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new PeoplevoxSearchException($"Unterminated string at position {i}.");
                }

                tokens.Add(new Token(TokenKind.String, text[(i + 1)..end]));
                i = end + 1;
            }
            else if (c == '[')
            {
                var end = text.IndexOf(']', i + 1);
                if (end < 0)
                {
                    throw new PeoplevoxSearchException($"Unterminated column name at position {i}.");
                }

                tokens.Add(new Token(TokenKind.Identifier, text[(i + 1)..end]));
                i = end + 1;
            }
            else if (c is '(' or ')' or ',' or '.')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString()));
                i++;
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                var op = two is "==" or "!=" or "<=" or ">=" or "<>" ? two : c.ToString();
                tokens.Add(new Token(TokenKind.Operator, op));
                i += op.Length;
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i]));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(word.ToUpperInvariant() switch
                {
                    "AND" or "OR" => new Token(TokenKind.Keyword, word.ToUpperInvariant()),
                    _ => new Token(TokenKind.Identifier, word),
                });
            }
            else if (c == '&' && i + 1 < text.Length && text[i + 1] == '&')
            {
                tokens.Add(new Token(TokenKind.Keyword, "AND"));
                i += 2;
            }
            else if (c == '|' && i + 1 < text.Length && text[i + 1] == '|')
            {
                tokens.Add(new Token(TokenKind.Keyword, "OR"));
                i += 2;
            }
            else
            {
                throw new PeoplevoxSearchException($"Unexpected '{c}' at position {i}.");
            }
        }

        return tokens;
    }

    private enum TokenKind
    {
        Identifier,
        String,
        Number,
        Operator,
        Symbol,
        Keyword,
    }

    private sealed record Token(TokenKind Kind, string Text);

    private abstract record Node
    {
        public abstract bool Evaluate(Func<string, string?> field);
    }

    private sealed record AndNode(Node Left, Node Right) : Node
    {
        public override bool Evaluate(Func<string, string?> field) => Left.Evaluate(field) && Right.Evaluate(field);
    }

    private sealed record OrNode(Node Left, Node Right) : Node
    {
        public override bool Evaluate(Func<string, string?> field) => Left.Evaluate(field) || Right.Evaluate(field);
    }

    private sealed record Literal(string Text, DateTimeOffset? Date);

    private sealed record Comparison(string Field, string Operator, Literal Value) : Node
    {
        public override bool Evaluate(Func<string, string?> field)
        {
            var actual = field(Field) ?? throw new PeoplevoxSearchException($"Unknown field '{Field}'.");
            switch (Operator)
            {
                case "CONTAINS":
                    return actual.Contains(Value.Text, StringComparison.OrdinalIgnoreCase);
                case "STARTSWITH":
                    return actual.StartsWith(Value.Text, StringComparison.OrdinalIgnoreCase);
                case "ENDSWITH":
                    return actual.EndsWith(Value.Text, StringComparison.OrdinalIgnoreCase);
            }

            int order;
            if (Value.Date is { } date && TryParseDate(actual, out var actualDate))
            {
                order = actualDate.CompareTo(date);
            }
            else if (decimal.TryParse(Value.Text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                && decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var actualNumber))
            {
                order = actualNumber.CompareTo(number);
            }
            else
            {
                order = string.Compare(actual, Value.Text, StringComparison.OrdinalIgnoreCase);
            }

            return Operator switch
            {
                "==" or "=" => order == 0,
                "!=" or "<>" => order != 0,
                "<" => order < 0,
                ">" => order > 0,
                "<=" => order <= 0,
                ">=" => order >= 0,
                _ => throw new PeoplevoxSearchException($"Unknown operator '{Operator}'."),
            };
        }
    }

    private sealed class Parser(List<Token> tokens)
    {
        private static readonly HashSet<string> Methods = new(StringComparer.OrdinalIgnoreCase) { "Contains", "StartsWith", "EndsWith" };

        private int _position;

        public Node ParseOr()
        {
            var left = ParseAnd();
            while (Accept(TokenKind.Keyword, "OR"))
            {
                left = new OrNode(left, ParseAnd());
            }

            return left;
        }

        public void ExpectEnd()
        {
            if (_position < tokens.Count)
            {
                throw new PeoplevoxSearchException($"Unexpected '{tokens[_position].Text}'.");
            }
        }

        private Node ParseAnd()
        {
            var left = ParsePrimary();
            while (Accept(TokenKind.Keyword, "AND"))
            {
                left = new AndNode(left, ParsePrimary());
            }

            return left;
        }

        private Node ParsePrimary()
        {
            if (Accept(TokenKind.Symbol, "("))
            {
                var inner = ParseOr();
                Expect(TokenKind.Symbol, ")");
                return inner;
            }

            var field = new StringBuilder(Expect(TokenKind.Identifier).Text);
            while (Peek(TokenKind.Symbol, "."))
            {
                _position++;
                var name = Expect(TokenKind.Identifier).Text;
                if (Methods.Contains(name) && Peek(TokenKind.Symbol, "("))
                {
                    _position++;
                    var argument = ParseLiteral();
                    Expect(TokenKind.Symbol, ")");
                    return new Comparison(field.ToString(), name.ToUpperInvariant(), argument);
                }

                field.Append('.').Append(name);
            }

            var op = Expect(TokenKind.Operator).Text;
            return new Comparison(field.ToString(), op, ParseLiteral());
        }

        private Literal ParseLiteral()
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.String:
                    return new Literal(token.Text, TryParseDate(token.Text, out var date) ? date : null);
                case TokenKind.Number:
                    return new Literal(token.Text, null);
                case TokenKind.Identifier when string.Equals(token.Text, "DateTime", StringComparison.OrdinalIgnoreCase):
                    Expect(TokenKind.Symbol, "(");
                    var parts = new List<int>();
                    do
                    {
                        parts.Add(int.Parse(Expect(TokenKind.Number).Text, CultureInfo.InvariantCulture));
                    }
                    while (Accept(TokenKind.Symbol, ","));
                    Expect(TokenKind.Symbol, ")");
                    while (parts.Count < 6)
                    {
                        parts.Add(parts.Count < 3 ? 1 : 0);
                    }

                    var value = new DateTimeOffset(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], TimeSpan.Zero);
                    return new Literal(value.ToString("O", CultureInfo.InvariantCulture), value);
                case TokenKind.Identifier:
                    // true/false/null and bare words compare as text.
                    return new Literal(token.Text, null);
                default:
                    throw new PeoplevoxSearchException($"Expected a value but found '{token.Text}'.");
            }
        }

        private Token Next() =>
            _position < tokens.Count ? tokens[_position++] : throw new PeoplevoxSearchException("Unexpected end of clause.");

        private bool Peek(TokenKind kind, string text) =>
            _position < tokens.Count && tokens[_position].Kind == kind && tokens[_position].Text == text;

        private bool Accept(TokenKind kind, string text)
        {
            if (!Peek(kind, text))
            {
                return false;
            }

            _position++;
            return true;
        }

        private Token Expect(TokenKind kind, string? text = null)
        {
            var token = Next();
            if (token.Kind != kind || (text is not null && token.Text != text))
            {
                throw new PeoplevoxSearchException($"Expected {text ?? kind.ToString()} but found '{token.Text}'.");
            }

            return token;
        }
    }
}
