using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Weft.Api.Documents;

/// <summary>Writes nodes as YAML (kubectl's block style) or JSON.</summary>
public static class NodeWriter
{
    public static string ToYaml(Node node)
    {
        var sb = new StringBuilder();
        WriteYamlValue(sb, node, 0, inSequence: false, topLevel: true);
        return sb.ToString();
    }

    /// <summary>Several documents separated by <c>---</c>, as `kubectl get -o yaml` prints a list.</summary>
    public static string ToYamlStream(IEnumerable<Node> nodes)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var n in nodes)
        {
            if (!first)
                sb.Append("---\n");
            first = false;
            WriteYamlValue(sb, n, 0, inSequence: false, topLevel: true);
        }
        return sb.ToString();
    }

    public static string ToJson(Node node, bool indented = true)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteJson(w, node);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static void WriteJson(Utf8JsonWriter w, Node node)
    {
        switch (node)
        {
            case MapNode map:
                w.WriteStartObject();
                foreach (var e in map.Entries)
                {
                    w.WritePropertyName(e.Key.Value);
                    WriteJson(w, e.Value);
                }
                w.WriteEndObject();
                break;
            case SeqNode seq:
                w.WriteStartArray();
                foreach (var item in seq.Items)
                    WriteJson(w, item);
                w.WriteEndArray();
                break;
            case ScalarNode s:
                WriteJsonScalar(w, s);
                break;
        }
    }

    private static void WriteJsonScalar(Utf8JsonWriter w, ScalarNode s)
    {
        switch (s.Kind)
        {
            case ScalarKind.Null:
                w.WriteNullValue();
                break;
            case ScalarKind.Boolean:
                w.WriteBooleanValue(s.Value is "true" or "True" or "TRUE");
                break;
            case ScalarKind.Integer when TryParseInteger(s.Value, out var l):
                w.WriteNumberValue(l);
                break;
            case ScalarKind.Integer when decimal.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big):
                w.WriteNumberValue(big);
                break;
            case ScalarKind.Float when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                w.WriteRawValue(IsJsonNumber(s.Value) ? s.Value : d.ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                w.WriteStringValue(s.Value);
                break;
        }
    }

    /// <summary>Parses YAML 1.2 integers: decimal, 0o octal and 0x hexadecimal.</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        if (text.StartsWith("0x", StringComparison.Ordinal))
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            value = 0;
            foreach (var c in text.AsSpan(2))
            {
                if (c is < '0' or > '7' || value > (long.MaxValue >> 3))
                    return false;
                value = (value << 3) + (c - '0');
            }
            return text.Length > 2;
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsJsonNumber(string v)
    {
        // JSON forbids a leading '+', a leading '.', and a trailing '.'.
        if (v.Length == 0 || v[0] is '+' or '.' || v.EndsWith('.') || v.Contains(".e", StringComparison.OrdinalIgnoreCase))
            return false;
        return v[0] != '-' || (v.Length > 1 && char.IsAsciiDigit(v[1]));
    }

    private static void WriteYamlValue(StringBuilder sb, Node node, int indent, bool inSequence, bool topLevel)
    {
        switch (node)
        {
            case MapNode { Entries.Count: 0 }:
                sb.Append(topLevel ? "{}\n" : " {}\n");
                break;
            case SeqNode { Items.Count: 0 }:
                sb.Append(topLevel ? "[]\n" : " []\n");
                break;
            case MapNode map:
                if (!topLevel && !inSequence)
                    sb.Append('\n');
                WriteYamlMap(sb, map, indent, firstInline: inSequence);
                break;
            case SeqNode seq:
                if (!topLevel)
                    sb.Append('\n');
                WriteYamlSeq(sb, seq, indent);
                break;
            case ScalarNode s:
                if (!topLevel)
                    sb.Append(' ');
                WriteYamlScalar(sb, s, indent);
                sb.Append('\n');
                break;
        }
    }

    private static void WriteYamlMap(StringBuilder sb, MapNode map, int indent, bool firstInline)
    {
        var first = true;
        foreach (var e in map.Entries)
        {
            if (!(first && firstInline))
                sb.Append(' ', indent);
            first = false;
            WriteYamlKey(sb, e.Key.Value);
            sb.Append(':');
            // kubectl style: a sequence under a key is not indented further.
            var childIndent = e.Value is SeqNode ? indent : indent + 2;
            WriteYamlValue(sb, e.Value, childIndent, inSequence: false, topLevel: false);
        }
    }

    private static void WriteYamlSeq(StringBuilder sb, SeqNode seq, int indent)
    {
        foreach (var item in seq.Items)
        {
            sb.Append(' ', indent).Append('-');
            switch (item)
            {
                case MapNode { Entries.Count: > 0 } m:
                    sb.Append(' ');
                    WriteYamlMap(sb, m, indent + 2, firstInline: true);
                    break;
                case SeqNode { Items.Count: > 0 } s:
                    sb.Append('\n');
                    WriteYamlSeq(sb, s, indent + 2);
                    break;
                default:
                    WriteYamlValue(sb, item, indent + 2, inSequence: true, topLevel: false);
                    break;
            }
        }
    }

    private static void WriteYamlKey(StringBuilder sb, string key)
    {
        if (NeedsQuoting(key))
            AppendDoubleQuoted(sb, key);
        else
            sb.Append(key);
    }

    private static void WriteYamlScalar(StringBuilder sb, ScalarNode s, int indent)
    {
        if (s.Kind != ScalarKind.String)
        {
            sb.Append(s.Kind == ScalarKind.Null ? "null" : s.Value);
            return;
        }
        var v = s.Value;
        if (v.Contains('\n') && CanBeLiteralBlock(v))
        {
            // A literal block keeps multi-line text (scripts, certificates) readable.
            var chomp = v.EndsWith('\n') ? (v.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : "") : "-";
            sb.Append('|').Append(chomp);
            var body = v.EndsWith('\n') ? v[..^1] : v;
            foreach (var line in body.Split('\n'))
            {
                sb.Append('\n');
                if (line.Length > 0)
                    sb.Append(' ', indent + 2).Append(line);
            }
            return;
        }
        if (NeedsQuoting(v))
            AppendDoubleQuoted(sb, v);
        else
            sb.Append(v);
    }

    private static bool CanBeLiteralBlock(string v)
    {
        // Leading spaces on the first line, trailing spaces and control characters need quoting instead.
        if (v.StartsWith(' ') || v.StartsWith('\t'))
            return false;
        foreach (var line in v.Split('\n'))
        {
            if (line.EndsWith(' ') || line.EndsWith('\t'))
                return false;
            foreach (var c in line)
                if (char.IsControl(c) && c != '\t')
                    return false;
        }
        return true;
    }

    /// <summary>True when a string cannot be written as a plain YAML scalar and read back unchanged.</summary>
    public static bool NeedsQuoting(string v)
    {
        if (ScalarResolver.NeedsQuotes(v))
            return true;
        if (v[0] is ' ' or '\t' || v[^1] is ' ' or '\t')
            return true;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(v[0], StringComparison.Ordinal))
        {
            // "-x", "?x" and ":x" are fine plain only when not followed by a space; keep it simple and quote.
            return true;
        }
        if (v.Contains(": ", StringComparison.Ordinal) || v.Contains(" #", StringComparison.Ordinal) || v.EndsWith(':'))
            return true;
        foreach (var c in v)
            if (char.IsControl(c) || c is '\n' or '\r')
                return true;
        // YAML 1.1 readers (Kubernetes' sigs.k8s.io/yaml among them) take these as booleans.
        return v is "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO"
            or "on" or "On" or "ON" or "off" or "Off" or "OFF";
    }

    private static void AppendDoubleQuoted(StringBuilder sb, string v)
    {
        sb.Append('"');
        foreach (var c in v)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
