using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Weft.Api.Documents;

/// <summary>A problem found while reading a source, before any typing.</summary>
public sealed record ReadError(string Source, int DocumentIndex, Mark At, string Message);

/// <summary>
/// Reads YAML or JSON text (JSON is read as YAML flow style) into <see cref="Node"/> trees that
/// keep the line and column of every value.
/// </summary>
public static partial class DocumentReader
{
    /// <summary>
    /// Reads every document of a source. A syntax error ends the read: documents before it are
    /// returned, and the error names the line. Duplicate keys are reported (Kubernetes' strict
    /// decoding refuses them too) and the first occurrence is kept.
    /// </summary>
    public static (IReadOnlyList<SourceDocument> Documents, IReadOnlyList<ReadError> Errors) Read(string text, string source)
    {
        var result = ReadOnce(text, source);
        // YamlDotNet refuses a literal block whose leading blank line holds spaces (Helm renders
        // `config.yaml: |` that way; YAML and go-yaml accept it). Blanking whitespace-only lines
        // keeps every line and column and reads such files as Kubernetes does.
        if (result.Errors.Any(e => e.Message.Contains("found extra spaces in first line", StringComparison.Ordinal)))
        {
            var blanked = WhitespaceOnlyLine().Replace(text, "");
            var retry = ReadOnce(blanked, source);
            if (retry.Errors.Count < result.Errors.Count)
                return retry;
        }
        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=^|\n)[ \t]+(?=\r?\n)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex WhitespaceOnlyLine();

    private static (IReadOnlyList<SourceDocument> Documents, IReadOnlyList<ReadError> Errors) ReadOnce(string text, string source)
    {
        var documents = new List<SourceDocument>();
        var errors = new List<ReadError>();
        var index = 0;
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                index++;
                var anchors = new Dictionary<string, Node>(StringComparer.Ordinal);
                Node? root = null;
                if (!parser.Accept<DocumentEnd>(out _))
                    root = ReadNode(parser, anchors, errors, source, index);
                parser.Consume<DocumentEnd>();
                // An empty document (only `---` or comments) has nothing to apply: skip it.
                if (root is not null && !root.IsNull)
                    documents.Add(new SourceDocument(source, index, root.Start, root));
                else
                    _ = start;
            }
        }
        catch (YamlException ex)
        {
            var at = new Mark((int)ex.Start.Line, (int)ex.Start.Column);
            errors.Add(new ReadError(source, Math.Max(index, 1), at, "not valid YAML: " + CleanMessage(ex)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some malformed input (an unclosed flow
            // collection at the end, for one); the last event it produced is where to look.
            var m = parser.Current?.End ?? YamlDotNet.Core.Mark.Empty;
            errors.Add(new ReadError(source, Math.Max(index, 1), new Mark((int)m.Line, (int)m.Column),
                "not valid YAML: the text after this point cannot be parsed (an unclosed bracket or quote?)"));
        }
        return (documents, errors);
    }

    private static string CleanMessage(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): ".
        var m = ex.Message;
        var cut = m.LastIndexOf("): ", StringComparison.Ordinal);
        if (m.StartsWith('(') && cut > 0)
            m = m[(cut + 3)..];
        var hint = ex.InnerException is YamlException inner && inner.Message != ex.Message ? CleanMessage(inner) : null;
        return hint is null ? m : $"{m} ({hint})";
    }

    private static Node ReadNode(IParser parser, Dictionary<string, Node> anchors, List<ReadError> errors, string source, int doc)
    {
        var ev = parser.Current ?? throw new YamlException("unexpected end of input");
        switch (ev)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (anchors.TryGetValue(alias.Value.Value, out var target))
                    return target;
                throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} has no anchor");

            case Scalar scalar:
            {
                parser.MoveNext();
                var node = MakeScalar(scalar);
                Remember(scalar.Anchor, node, anchors);
                return node;
            }

            case SequenceStart seqStart:
            {
                parser.MoveNext();
                var items = new List<Node>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    items.Add(ReadNode(parser, anchors, errors, source, doc));
                var node = new SeqNode(items, ToMark(seqStart.Start));
                Remember(seqStart.Anchor, node, anchors);
                return node;
            }

            case MappingStart mapStart:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<ScalarNode, Node>>();
                Dictionary<string, Node>? seen = null;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(parser, anchors, errors, source, doc);
                    var value = ReadNode(parser, anchors, errors, source, doc);
                    if (keyNode is not ScalarNode key)
                    {
                        errors.Add(new ReadError(source, doc, keyNode.Start, keyNode is MapNode
                            ? "a mapping key must be a scalar; a {{ ... }} template placeholder must be rendered (helm template) before it is applied"
                            : "a mapping key must be a scalar"));
                        continue;
                    }
                    seen ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                    if (seen.TryGetValue(key.Value, out var first))
                    {
                        // kubectl's YAML reader keeps the last of repeated keys silently; a repeat
                        // with the same value (a lab manifest has `kind:` twice) is harmless, a
                        // repeat with another value is a mistake worth stopping for.
                        if (NodeWriter.ToJson(first, indented: false) != NodeWriter.ToJson(value, indented: false))
                            errors.Add(new ReadError(source, doc, key.Start, $"duplicate key \"{key.Value}\" with a different value than on line {first.Start.Line}"));
                        continue;
                    }
                    seen[key.Value] = value;
                    entries.Add(new(key, value));
                }
                var node = new MapNode(entries, ToMark(mapStart.Start));
                Remember(mapStart.Anchor, node, anchors);
                return node;
            }

            default:
                throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
        }
    }

    private static void Remember(AnchorName anchor, Node node, Dictionary<string, Node> anchors)
    {
        if (!anchor.IsEmpty)
            anchors[anchor.Value] = node;
    }

    private static ScalarNode MakeScalar(Scalar s)
    {
        var mark = ToMark(s.Start);
        var tag = s.Tag.IsEmpty ? null : s.Tag.Value;
        ScalarKind kind;
        if (tag is not null && tag != "?")
        {
            kind = tag switch
            {
                "tag:yaml.org,2002:str" or "!" => ScalarKind.String,
                "tag:yaml.org,2002:int" => ScalarKind.Integer,
                "tag:yaml.org,2002:float" => ScalarKind.Float,
                "tag:yaml.org,2002:bool" => ScalarKind.Boolean,
                "tag:yaml.org,2002:null" => ScalarKind.Null,
                _ => ScalarKind.String,
            };
        }
        else if (s.Style == ScalarStyle.Plain)
        {
            kind = ScalarResolver.Resolve(s.Value);
        }
        else
        {
            kind = ScalarKind.String;
        }
        return new ScalarNode(s.Value, kind, mark);
    }

    private static Mark ToMark(YamlDotNet.Core.Mark m) => new((int)m.Line, (int)m.Column);
}
